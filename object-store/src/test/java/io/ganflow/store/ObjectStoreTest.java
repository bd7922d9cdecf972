package io.ganflow.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreTest {

    private final ObjectStore store = LocalStore.freshBucket();

    @Test
    void anUploadedFileCanBeDownloadedByAnyoneWithItsPresignedUrlAndNotWithoutIt(@TempDir Path folder)
            throws Exception {
        byte[] content = new byte[3_000_000];
        new Random(4).nextBytes(content);
        Path file = Files.write(folder.resolve("set.zip"), content);
        store.putFile("synthetic/s1/dataset.zip", file, "application/zip");

        String url = store.presignedGet("synthetic/s1/dataset.zip", Duration.ofMinutes(5));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> signed =
                http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> unsigned = http.send(
                HttpRequest.newBuilder(URI.create(url.substring(0, url.indexOf('?'))))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertEquals(200, signed.statusCode());
        assertArrayEquals(content, signed.body());
        assertEquals(403, unsigned.statusCode());
    }

    @Test
    void urlsArePresignedForThePublicEndpointWhenOneIsGiven() throws Exception {
        store.put("synthetic/s2/dataset.zip", new byte[] {1, 2, 3}, "application/zip");
        String endpoint = System.getenv("GAN_S3_ENDPOINT");
        // the same server under another name, as a browser outside the cluster would reach it
        String publicEndpoint = endpoint.replace("127.0.0.1", "localhost");
        ObjectStore withPublicEndpoint = new ObjectStore(
                endpoint,
                Optional.of(publicEndpoint),
                System.getenv("GAN_S3_ACCESS_KEY"),
                System.getenv("GAN_S3_SECRET_KEY"),
                store.bucket());

        String url = withPublicEndpoint.presignedGet("synthetic/s2/dataset.zip", Duration.ofMinutes(5));

        assertTrue(url.startsWith(publicEndpoint + "/"), url);
        HttpResponse<byte[]> signed = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, signed.statusCode());
        assertArrayEquals(new byte[] {1, 2, 3}, signed.body());
    }
}

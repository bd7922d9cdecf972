package io.ganflow.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
}

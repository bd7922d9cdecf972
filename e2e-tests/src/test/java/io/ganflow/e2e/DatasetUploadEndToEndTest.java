package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.LocalInfrastructure;
import java.awt.Color;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Uploads through the running gateway that try to exhaust, corrupt or race it. */
@ExtendWith(LocalStack.class)
class DatasetUploadEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void ofTwoUploadsOfOneNameAtOnceOneWinsAndTheDataSetIsTheWinnersAlone() throws Exception {
        String name = LocalInfrastructure.unique("race");
        List<byte[]> archives = List.of(
                ImageArchives.zip(ImageArchives.classFolders("three", 3, 4, 16)),
                ImageArchives.zip(ImageArchives.classFolders("five", 5, 4, 16)));
        CyclicBarrier start = new CyclicBarrier(2);
        List<CompletableFuture<HttpResponse<String>>> uploads = new ArrayList<>();
        for (byte[] archive : archives) {
            uploads.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                    return upload(name, archive);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        JsonNode created = null;
        for (CompletableFuture<HttpResponse<String>> upload : uploads) {
            HttpResponse<String> answer = upload.get();
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 201) {
                created = JSON.readTree(answer.body());
            } else {
                assertEquals(
                        "application/problem+json",
                        answer.headers().firstValue("Content-Type").orElse(""));
            }
        }
        assertTrue(statuses.contains(409), "one upload is refused: " + statuses);
        assertTrue(statuses.stream().filter(s -> s == 201).count() <= 1, "never two: " + statuses);
        if (created != null) {
            JsonNode listed = JSON.readTree(get("/api/v1/datasets/" + name).body());
            assertEquals(created.get("classes"), listed.get("classes"), "the data set is the winner's, whole");
            assertEquals(409, upload(name, archives.get(0)).statusCode(), "and a name is taken once");
        }
    }

    @Test
    void aRefusedUploadLeavesNothingBehindAndItsNameCanBeUsed() throws Exception {
        String name = LocalInfrastructure.unique("refused");
        HttpResponse<String> refused = upload(name, "this is no archive".getBytes());
        assertEquals(422, refused.statusCode(), refused.body());
        assertEquals(
                List.of(),
                LocalInfrastructure.store(LocalStack.BUCKET).list("datasets/" + name + "/"),
                "no orphan objects");
        assertEquals(
                201,
                upload(name, ImageArchives.zip(ImageArchives.classFolders("ok", 2, 2, 8)))
                        .statusCode());
    }

    @Test
    void imagesWhoseHeadersClaimHugeSizesAreSkippedNotDecoded() throws Exception {
        Map<String, byte[]> entries = new HashMap<>(ImageArchives.classFolders("bombs", 2, 2, 8));
        entries.put("bombs/class-0/bomb.png", ImageArchives.pngHeader(30_000, 30_000));
        entries.put("bombs/class-1/bomb.png", ImageArchives.pngHeader(65_535, 65_535));
        entries.put("bombs/class-1/fine.png", ImageArchives.png(Color.GRAY, 8, 8));
        HttpResponse<String> answer = upload(LocalInfrastructure.unique("bombs"), ImageArchives.zip(entries));
        assertEquals(201, answer.statusCode(), answer.body());
        JsonNode dataset = JSON.readTree(answer.body());
        assertTrue(dataset.get("skipped").toString().contains("30000x30000"), dataset.toString());
        assertTrue(dataset.get("skipped").toString().contains("65535x65535"), dataset.toString());
        assertTrue(LocalStack.allReady(), "every service is ready after the bombs");
    }

    private static HttpResponse<String> upload(String name, byte[] archive) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                LocalStack.gateway().url() + "/api/v1/datasets/" + name + "?channels=3&side=32"))
                        .header("X-API-Key", LocalStack.OPERATOR_KEY)
                        .header("Content-Type", "application/zip")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(LocalStack.gateway().url() + path))
                        .header("X-API-Key", LocalStack.OPERATOR_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}

package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.testing.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service asks for images by model name while an operator promotes and rolls back: the alias' version answers,
 * the answer switches when the alias moves, and a rollback serves the earlier bytes again.
 */
@ExtendWith(LocalStack.class)
class ModelsByNameEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String IMAGES = "/images?alias=production&class=3&count=4&seed=7";

    @Test
    void imagesByNameFollowTheAliasAndARollbackServesTheEarlierBytesAgain() throws Exception {
        List<String> runs = new ArrayList<>();
        for (long seed : new long[] {1, 2}) {
            String runId = LocalInfrastructure.unique("by-name");
            post(
                    "/api/v1/runs",
                    Map.of(
                            "runId",
                            runId,
                            "epochs",
                            1,
                            "batchSize",
                            50,
                            "datasetLimit",
                            500,
                            "checkpointEverySteps",
                            5,
                            "seed",
                            seed));
            runs.add(runId);
        }
        for (String runId : runs) {
            awaitState(runId, "COMPLETED", Duration.ofMinutes(5));
        }
        String model = LocalInfrastructure.unique("clothes");
        assertEquals(
                200,
                put("/api/v1/models/" + model, Map.of("dataset", "fashion-mnist", "family", "cgan-fashion-mnist"), null)
                        .statusCode());
        for (String runId : runs) {
            post("/api/v1/models/" + model + "/versions", Map.of("runId", runId, "step", "10"));
        }

        HttpResponse<byte[]> moved = put("/api/v1/models/" + model + "/aliases/production", Map.of("version", 1), null);
        assertEquals(200, moved.statusCode(), new String(moved.body()));
        HttpResponse<byte[]> fromA = served(model, "1");
        assertEquals(runs.get(0), fromA.headers().firstValue("X-Run-Id").orElse(""));
        // an alias moves: a client checks again each time (the ETag names the version), never keeps it for good
        assertEquals(List.of("private, no-cache"), fromA.headers().allValues("Cache-Control"));
        assertTrue(
                fromA.headers().firstValue("ETag").orElse("").startsWith("\"v1-"),
                fromA.headers().toString());
        // the same bytes as the run's own checkpoint gives
        byte[] runA = get("/api/v1/runs/" + runs.get(0) + "/images?class=3&count=4&seed=7&step=10")
                .body();
        assertArrayEquals(runA, fromA.body());

        // moves back and forth; each time, how long until the first image of the new version is served
        List<Long> switchMillis = new ArrayList<>();
        String etag = moved.headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 10; i++) {
            String version = i % 2 == 0 ? "2" : "1";
            long start = System.nanoTime();
            HttpResponse<byte[]> move = put(
                    "/api/v1/models/" + model + "/aliases/production",
                    Map.of("version", Integer.parseInt(version)),
                    etag);
            assertEquals(200, move.statusCode(), new String(move.body()));
            etag = move.headers().firstValue("ETag").orElseThrow();
            HttpResponse<byte[]> served = served(model, version);
            switchMillis.add((System.nanoTime() - start) / 1_000_000);
            if (version.equals("2")) {
                assertFalse(Arrays.equals(fromA.body(), served.body()), "run B's generator draws other images");
            } else {
                assertArrayEquals(fromA.body(), served.body(), "a rollback serves the earlier bytes again");
            }
        }
        // a move with a stale ETag is refused
        assertEquals(
                412,
                put("/api/v1/models/" + model + "/aliases/production", Map.of("version", 2), "\"1\"")
                        .statusCode());

        List<Long> sorted = switchMillis.stream().sorted().toList();
        String figures = String.format(
                "alias switch (move -> first image of the new version served), %d moves: p50 %d ms, p95 %d ms, max %d ms"
                        + " (%s)%n",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))),
                sorted.get(sorted.size() - 1),
                switchMillis);
        System.out.print(figures);
        Files.writeString(Path.of("target/model-alias-switch.txt"), figures);

        JsonNode history = JSON.readTree(
                get("/api/v1/models/" + model + "/aliases/production/history").body());
        assertEquals(11, history.size(), history.toString());
    }

    /** The images by name, once the answer comes from {@code version} (the sampler may load it first). */
    private static HttpResponse<byte[]> served(String model, String version) throws Exception {
        return Eventually.within(Duration.ofSeconds(60), "version " + version + " served", () -> {
            HttpResponse<byte[]> response = get("/api/v1/models/" + model + IMAGES);
            return response.statusCode() == 200
                            && version.equals(response.headers()
                                    .firstValue("X-Model-Version")
                                    .orElse(""))
                    ? response
                    : null;
        });
    }

    private static HttpResponse<byte[]> put(String path, Map<String, Object> body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(LocalStack.gateway().url() + path))
                .header("Content-Type", "application/json")
                .header("X-API-Key", LocalStack.OPERATOR_KEY)
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}

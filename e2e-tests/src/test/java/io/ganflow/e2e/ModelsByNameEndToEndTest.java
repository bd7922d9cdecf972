package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A service asks for images by model name while an operator promotes and rolls back: the alias' version answers,
 * the answer switches when the alias moves, and a rollback serves the earlier bytes again.
 */
@ExtendWith(LocalStack.class)
class ModelsByNameEndToEndTest {

    private static final String IMAGES = "/images?alias=production&class=3&count=4&seed=7";

    /** Two short runs of the cGAN (seeds 1 and 2), trained once for every test here. */
    private static final List<String> RUNS = new ArrayList<>();

    @BeforeAll
    static void trainTwoRuns() throws Exception {
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
            RUNS.add(runId);
        }
        for (String runId : RUNS) {
            awaitState(runId, "COMPLETED", Duration.ofMinutes(5));
        }
    }

    /** A new model with run A's and run B's step 10 as versions 1 and 2. */
    private static String modelOfBothRuns(String name) throws Exception {
        String model = LocalInfrastructure.unique(name);
        assertEquals(
                200,
                put("/api/v1/models/" + model, Map.of("dataset", "fashion-mnist", "family", "cgan-fashion-mnist"), null)
                        .statusCode());
        for (String runId : RUNS) {
            JsonNode version = post("/api/v1/models/" + model + "/versions", Map.of("runId", runId, "step", "10"));
            // provenance: the data set's content and how the trainer computed, as the checkpoint recorded it
            assertEquals("built-in", version.get("datasetVersion").asText(), version.toString());
            assertFalse(version.at("/numerics/kernels").asText().isBlank(), version.toString());
        }
        return model;
    }

    @Test
    void imagesByNameFollowTheAliasAndARollbackServesTheEarlierBytesAgain() throws Exception {
        List<String> runs = RUNS;
        String model = modelOfBothRuns("clothes");

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
        List<Long> moveMillis = new ArrayList<>();
        String etag = moved.headers().firstValue("ETag").orElseThrow();
        for (int i = 0; i < 10; i++) {
            String version = i % 2 == 0 ? "2" : "1";
            long start = System.nanoTime();
            HttpResponse<byte[]> move = put(
                    "/api/v1/models/" + model + "/aliases/production",
                    Map.of("version", Integer.parseInt(version)),
                    etag);
            assertEquals(200, move.statusCode(), new String(move.body()));
            moveMillis.add((System.nanoTime() - start) / 1_000_000);
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
        List<Long> movesSorted = moveMillis.stream().sorted().toList();
        String figures = String.format(
                "alias switch (move -> first image of the new version served), %d moves: p50 %d ms, p95 %d ms, max %d ms"
                        + " (%s); of which the PUT of the move: p50 %d ms, max %d ms%n",
                sorted.size(),
                sorted.get(sorted.size() / 2),
                sorted.get((int) Math.floor(0.95 * (sorted.size() - 1))),
                sorted.get(sorted.size() - 1),
                switchMillis,
                movesSorted.get(movesSorted.size() / 2),
                movesSorted.get(movesSorted.size() - 1));
        System.out.print(figures);
        Files.writeString(Path.of("target/model-alias-switch.txt"), figures);

        JsonNode history = JSON.readTree(
                get("/api/v1/models/" + model + "/aliases/production/history").body());
        assertEquals(11, history.size(), history.toString());
    }

    @Test
    void aSyntheticDataSetAskedOfAModelByNameRecordsTheVersionItCameFromAfterTheAliasMoves() throws Exception {
        String model = modelOfBothRuns("labelled");
        String production = "/api/v1/models/" + model + "/aliases/production";
        assertEquals(200, put(production, Map.of("version", 1), null).statusCode());

        // the grid by name: run A's step 10
        HttpResponse<byte[]> grid = get("/api/v1/models/" + model + "/grid?alias=production&columns=4");
        assertEquals(200, grid.statusCode(), new String(grid.body()));
        assertEquals("1", grid.headers().firstValue("X-Model-Version").orElse(""));
        assertEquals(RUNS.get(0), grid.headers().firstValue("X-Run-Id").orElse(""));
        assertEquals("10", grid.headers().firstValue("X-Checkpoint-Step").orElse(""));

        // over REST: resolved when asked, so the alias moving before the job ends changes nothing
        HttpResponse<byte[]> asked = GatewayApi.send(
                "/api/v1/synthetic-datasets",
                Map.of("model", model, "alias", "production", "imagesPerClass", 3, "format", "idx", "seed", 5));
        assertEquals(202, asked.statusCode(), new String(asked.body()));
        JsonNode pending = JSON.readTree(asked.body());
        assertEquals(1, pending.at("/fromModel/version").asInt(), pending.toString());
        assertEquals(RUNS.get(0), pending.get("runId").asText());
        assertEquals(10, pending.get("step").asLong());
        assertEquals(200, put(production, Map.of("version", 2), null).statusCode());
        JsonNode byName = awaitJob(pending.get("requestId").asText());
        assertEquals(model, byName.at("/fromModel/model").asText(), byName.toString());
        assertEquals(1, byName.at("/fromModel/version").asInt(), byName.toString());
        assertEquals(RUNS.get(0), byName.get("runId").asText());
        // the same bytes as asking run A's step 10 itself: the data set traces to that one checkpoint
        HttpResponse<byte[]> sameOfRun = GatewayApi.send(
                "/api/v1/synthetic-datasets",
                Map.of("runId", RUNS.get(0), "step", 10, "imagesPerClass", 3, "format", "idx", "seed", 5));
        assertEquals(202, sameOfRun.statusCode(), new String(sameOfRun.body()));
        JsonNode ofRun =
                awaitJob(JSON.readTree(sameOfRun.body()).get("requestId").asText());
        assertEquals(ofRun.get("sha256").asText(), byName.get("sha256").asText());
        assertTrue(ofRun.get("fromModel").isNull(), ofRun.toString());

        // over Kafka, as another service asks: the sampler resolves the alias (now version 2, run B) when it starts
        String requestId = LocalInfrastructure.unique("syn-kafka");
        KafkaTestClient.send(
                SyntheticDatasetRequest.TOPIC,
                requestId,
                JSON.writeValueAsString(Map.of(
                        "version",
                        1,
                        "requestId",
                        requestId,
                        "model",
                        model,
                        "counts",
                        List.of(2, 2),
                        "format",
                        "png-zip",
                        "seed",
                        5)));
        JsonNode overKafka = awaitJob(requestId);
        assertEquals(2, overKafka.at("/fromModel/version").asInt(), overKafka.toString());
        assertEquals("production", overKafka.at("/fromModel/alias").asText());
        assertEquals(RUNS.get(1), overKafka.get("runId").asText());
        assertEquals(10, overKafka.get("step").asLong());

        // an alias that points nowhere: a problem over REST, a FAILED job naming it over Kafka
        HttpResponse<byte[]> noAlias = GatewayApi.send(
                "/api/v1/synthetic-datasets", Map.of("model", model, "alias", "staging", "imagesPerClass", 1));
        assertEquals(404, noAlias.statusCode());
        assertTrue(new String(noAlias.body()).contains("has no alias staging"), new String(noAlias.body()));
        String lost = LocalInfrastructure.unique("syn-kafka");
        KafkaTestClient.send(
                SyntheticDatasetRequest.TOPIC,
                lost,
                JSON.writeValueAsString(Map.of(
                        "version",
                        1,
                        "requestId",
                        lost,
                        "model",
                        model,
                        "alias",
                        "staging",
                        "counts",
                        List.of(1),
                        "format",
                        "idx")));
        JsonNode failed = Eventually.within(Duration.ofSeconds(60), "job " + lost + " failed", () -> {
            HttpResponse<byte[]> job = get("/api/v1/synthetic-datasets/" + lost);
            return job.statusCode() == 200
                            && JSON.readTree(job.body()).get("state").asText().equals("FAILED")
                    ? JSON.readTree(job.body())
                    : null;
        });
        assertTrue(failed.get("message").asText().contains("has no alias staging"), failed.toString());
    }

    @Test
    void aSamplerAndAGatewayKilledAfterMovesServeTheAliasCurrentVersionWhenTheyAreBack() throws Exception {
        String model = modelOfBothRuns("restarted");
        String production = "/api/v1/models/" + model + "/aliases/production";
        for (int version : new int[] {1, 2, 1, 2}) {
            assertEquals(200, put(production, Map.of("version", version), null).statusCode());
        }
        HttpResponse<byte[]> before = served(model, "2");

        LocalStack.kill(LocalStack.sampler());
        LocalStack.killAndRestartGateway();
        LocalStack.restartSampler();

        HttpResponse<byte[]> after = served(model, "2");
        assertEquals(RUNS.get(1), after.headers().firstValue("X-Run-Id").orElse(""));
        assertArrayEquals(before.body(), after.body(), "the same version's bytes, before and after");
        JsonNode alias = JSON.readTree(get(production).body());
        assertEquals(4, alias.get("move").asInt(), alias.toString());
    }

    /** The synthetic data set job once it is DONE (failing the test if it fails). */
    private static JsonNode awaitJob(String requestId) throws Exception {
        return Eventually.within(Duration.ofSeconds(120), "job " + requestId + " done", () -> {
            HttpResponse<byte[]> response = get("/api/v1/synthetic-datasets/" + requestId);
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode job = JSON.readTree(response.body());
            assertFalse(job.get("state").asText().equals("FAILED"), job.toString());
            return job.get("state").asText().equals("DONE") ? job : null;
        });
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
}

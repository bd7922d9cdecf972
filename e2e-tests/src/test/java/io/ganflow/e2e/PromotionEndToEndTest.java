package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.put;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.testing.LocalInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Train, measure, promote, serve, by name, with nobody moving an alias by hand: two runs of a model whose policy
 * gives production to every checkpoint that beats production's FCD. Once the evaluator has measured them all,
 * production is the lowest FCD measured (theirs, unless another run of the family did better), images by name are its
 * bytes, and a rollback serves the version before it, byte for byte.
 */
@ExtendWith(LocalStack.class)
class PromotionEndToEndTest {

    private static final String IMAGES = "/images?class=5&count=4&seed=3";

    @Test
    void productionEndsAtTheLowestFcdOfBothRunsAndARollbackServesThePreviousVersion() throws Exception {
        String model = LocalInfrastructure.unique("promoted");
        Map<String, Object> policy = Map.of(
                "rules",
                List.of(Map.of(
                        "alias",
                        "production",
                        "when",
                        List.of(
                                Map.of("figure", "accuracy", "atLeast", 0.0),
                                Map.of("figure", "fcd", "beats", "production")))));
        assertEquals(
                200,
                put(
                                "/api/v1/models/" + model,
                                Map.of("dataset", "fashion-mnist", "family", "cgan-fashion-mnist", "policy", policy),
                                null)
                        .statusCode());
        List<String> runs = new ArrayList<>();
        for (long seed : new long[] {11, 12}) {
            runs.add(post(
                            "/api/v1/runs",
                            Map.of(
                                    "epochs", 1,
                                    "batchSize", 50,
                                    "datasetLimit", 1000,
                                    "checkpointEverySteps", 10,
                                    "seed", seed))
                    .get("runId")
                    .asText());
        }
        List<JsonNode> measured = new ArrayList<>();
        for (String runId : runs) {
            awaitState(runId, "COMPLETED", Duration.ofMinutes(5));
            measured.addAll(awaitMeasured(runId, 2));
        }
        JsonNode lowest = measured.stream()
                .min(Comparator.comparingDouble(q -> q.get("fcd").asDouble()))
                .orElseThrow();

        // the policy judges each measured checkpoint in turn (of every run of the family on the data set, other tests'
        // too): production ends at the lowest FCD measured, so at ours or at one lower still
        JsonNode[] promoted = new JsonNode[1];
        JsonNode production = Eventually.within(Duration.ofSeconds(90), "production at the lowest FCD", () -> {
            HttpResponse<byte[]> alias = get("/api/v1/models/" + model + "/aliases/production");
            if (alias.statusCode() != 200) {
                return null;
            }
            JsonNode move = JSON.readTree(alias.body());
            promoted[0] = version(model, move.get("toVersion").asInt());
            return promoted[0].at("/quality/fcd").asDouble()
                            <= lowest.get("fcd").asDouble()
                    ? move
                    : null;
        });
        JsonNode version = promoted[0];
        assertEquals("policy", production.get("movedBy").asText());
        assertTrue(production.get("reason").asText().contains("fcd"), production.toString());
        if (runs.contains(version.get("runId").asText())) {
            assertEquals(lowest.get("step").asLong(), version.get("step").asLong(), version.toString());
        }

        HttpResponse<byte[]> served = get("/api/v1/models/" + model + IMAGES + "&alias=production");
        assertEquals(200, served.statusCode(), new String(served.body()));
        assertEquals(
                version.get("runId").asText(),
                served.headers().firstValue("X-Run-Id").orElse(""));
        assertEquals(
                version.get("step").asText(),
                served.headers().firstValue("X-Checkpoint-Step").orElse(""));
        assertArrayEquals(
                ofRun(version.get("runId").asText(), version.get("step").asLong()), served.body());

        if (!production.get("fromVersion").isNull()) {
            // a rollback: the version production had before, served byte for byte as its run's checkpoint gives it
            JsonNode previous = version(model, production.get("fromVersion").asInt());
            assertEquals(
                    200,
                    put(
                                    "/api/v1/models/" + model + "/aliases/production",
                                    Map.of("version", previous.get("number").asInt(), "reason", "roll back"),
                                    "\"" + production.get("move").asLong() + "\"")
                            .statusCode());
            HttpResponse<byte[]> rolledBack = get("/api/v1/models/" + model + IMAGES + "&alias=production");
            assertEquals(
                    previous.get("number").asText(),
                    rolledBack.headers().firstValue("X-Model-Version").orElse(""));
            assertArrayEquals(
                    ofRun(previous.get("runId").asText(), previous.get("step").asLong()), rolledBack.body());
        }
        System.out.printf(
                "promotion: production moved %d times by the policy; it serves FCD %.2f (%s@%d); our runs' lowest %.2f%n",
                production.get("move").asInt(),
                version.at("/quality/fcd").asDouble(),
                version.get("runId").asText(),
                version.get("step").asLong(),
                lowest.get("fcd").asDouble());
    }

    private static JsonNode version(String model, int number) throws Exception {
        for (JsonNode version :
                JSON.readTree(get("/api/v1/models/" + model).body()).get("versions")) {
            if (version.get("number").asInt() == number) {
                return version;
            }
        }
        throw new AssertionError("model " + model + " has no version " + number);
    }

    private static byte[] ofRun(String runId, long step) throws Exception {
        return get("/api/v1/runs/" + runId + IMAGES + "&step=" + step).body();
    }

    /** The run's measured checkpoints, once there are {@code count}, each with its run id. */
    private static List<JsonNode> awaitMeasured(String runId, int count) throws Exception {
        JsonNode quality = Eventually.within(Duration.ofMinutes(8), runId + " measured " + count + " times", () -> {
            HttpResponse<byte[]> response = get("/api/v1/runs/" + runId + "/quality");
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode read = JSON.readTree(response.body());
            return read.get("checkpoints").size() >= count ? read : null;
        });
        List<JsonNode> checkpoints = new ArrayList<>();
        quality.get("checkpoints").forEach(checkpoints::add);
        return checkpoints;
    }
}

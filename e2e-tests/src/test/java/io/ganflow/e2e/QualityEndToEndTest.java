package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.testing.KafkaTestClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Quality through the whole stack: a cGAN's first checkpoint finds Fashion-MNIST without a reference classifier, so
 * the evaluator starts one (a run like any other, on the trainer); once it completes and is measured on the real
 * held-out split, the cGAN's checkpoints are measured with it, and the figures are on Kafka, in the gateway's
 * checkpoint listing and quality curve, and {@code step=best} serves the best one.
 */
@ExtendWith(LocalStack.class)
class QualityEndToEndTest {

    private static final String CLASSIFIER = "classifier-fashion-mnist";

    @Test
    void everyCheckpointIsMeasuredByAReferenceClassifierTheSystemTrainedItself() throws Exception {
        JsonNode started = post(
                "/api/v1/runs",
                Map.of("epochs", 2, "batchSize", 50, "datasetLimit", 1000, "checkpointEverySteps", 20, "seed", 4));
        String runId = started.get("runId").asText();
        awaitState(runId, "COMPLETED", Duration.ofMinutes(5));

        JsonNode classifier = awaitState(CLASSIFIER, "COMPLETED", Duration.ofMinutes(8));
        assertEquals(LocalStack.CLASSIFIER_IMAGES / 128, classifier.get("step").asLong(), "one epoch at batch 128");
        JsonNode classifierQuality = awaitQuality(CLASSIFIER, 1);
        double heldOutAccuracy =
                classifierQuality.get("checkpoints").get(0).get("accuracy").asDouble();
        assertTrue(heldOutAccuracy > 0.7, "one epoch on 12,800 images: " + heldOutAccuracy);
        assertEquals(
                10_000,
                classifierQuality.get("checkpoints").get(0).get("images").asInt(),
                "the held-out split");

        JsonNode quality = awaitQuality(runId, 2);
        List<Long> steps = quality.get("checkpoints").findValuesAsText("step").stream()
                .map(Long::parseLong)
                .toList();
        assertEquals(List.of(20L, 40L), steps, "both checkpoints, measured once each");
        for (JsonNode measured : quality.get("checkpoints")) {
            assertEquals(
                    10 * LocalStack.EVALUATED_PER_CLASS, measured.get("images").asInt());
            assertEquals(10_000, measured.get("heldOutImages").asInt());
            assertEquals(CLASSIFIER, measured.get("classifierRunId").asText());
            double accuracy = measured.get("accuracy").asDouble();
            assertTrue(accuracy >= 0 && accuracy <= 1, measured.toString());
            assertTrue(measured.get("fcd").asDouble() > 0, measured.toString());
            assertEquals(10, measured.get("classAccuracy").size());
            assertTrue(measured.get("classEntropyBits").asDouble() <= Math.log(10) / Math.log(2) + 1e-9);
        }
        long best = quality.get("bestStep").asLong();
        assertTrue(best == 20 || best == 40);

        JsonNode listing =
                JSON.readTree(get("/api/v1/runs/" + runId + "/checkpoints").body());
        assertEquals(2, listing.size());
        for (JsonNode checkpoint : listing) {
            assertFalse(checkpoint.get("quality").isNull(), checkpoint.toString());
            assertEquals(
                    checkpoint.get("step").asLong() == best,
                    checkpoint.get("best").asBoolean());
        }
        HttpResponse<byte[]> bestGrid = get("/api/v1/runs/" + runId + "/grid?step=best");
        assertEquals(200, bestGrid.statusCode(), new String(bestGrid.body()));
        HttpResponse<byte[]> bestSamples = get("/api/v1/runs/" + runId + "/checkpoints/best/samples.png");
        assertEquals(
                String.valueOf(best),
                bestSamples.headers().firstValue("X-Checkpoint-Step").orElseThrow());

        // the same figures went out as events, for other services
        List<CheckpointQuality> events =
                KafkaTestClient.await(CheckpointQuality.TOPIC, r -> runId.equals(r.key()), 2, Duration.ofSeconds(30))
                        .stream()
                        .map(r -> Json.read(r.value(), CheckpointQuality.class))
                        .toList();
        assertEquals(2, events.size());
    }

    private static JsonNode awaitQuality(String runId, int count) throws Exception {
        return Eventually.within(Duration.ofMinutes(4), runId + " measured " + count + " times", () -> {
            HttpResponse<byte[]> response = get("/api/v1/runs/" + runId + "/quality");
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode quality = JSON.readTree(response.body());
            return quality.get("checkpoints").size() >= count ? quality : null;
        });
    }
}

package io.ganflow.gateway.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.Json;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A browser's view of a run as it trains: Server-Sent Events fed from the real Kafka topics. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class RunEventResourceTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void metricsAndCheckpointsOfARunArriveLiveAndTheCurveSoFarCanBeRead() throws Exception {
        String runId = LocalInfrastructure.unique("live");
        given().contentType("application/json")
                .body(Map.of("runId", runId))
                .post("/api/v1/runs")
                .then()
                .statusCode(201);
        List<String> lines = EventStreamLines.open(URI.create(base + "api/v1/runs/" + runId + "/events"));

        TrainingMetrics point = new TrainingMetrics(
                TrainingMetrics.VERSION, runId, 0, 7, 0.6, 1.9, 0.7, 0.3, 120.0, System.currentTimeMillis());
        CheckpointEvent checkpoint = new CheckpointEvent(
                CheckpointEvent.VERSION,
                runId,
                10,
                0,
                "bucket",
                CheckpointManifest.key(runId, 10),
                System.currentTimeMillis());
        KafkaTestClient.send(TrainingMetrics.TOPIC, runId, Json.write(point));
        long deadline = System.currentTimeMillis() + 60_000;
        // the gateway reads only new checkpoint events: send until its consumer has joined and one arrives
        while (!EventStreamLines.has(lines, "event:checkpoint") && System.currentTimeMillis() < deadline) {
            KafkaTestClient.send(CheckpointEvent.TOPIC, runId, Json.write(checkpoint));
            Thread.sleep(1000);
        }
        while (!EventStreamLines.has(lines, "\"step\":7") && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(EventStreamLines.has(lines, "event:checkpoint"), "a checkpoint event: " + lines);
        assertTrue(EventStreamLines.has(lines, "event:metrics"), "a metrics event: " + lines);
        assertTrue(EventStreamLines.has(lines, "\"step\":7"), "the point's data: " + lines);

        given().get("/api/v1/runs/" + runId + "/metrics")
                .then()
                .statusCode(200)
                .body("step", equalTo(List.of(7)), "lossD", equalTo(List.of(0.6f)));
        given().get("/api/v1/runs/no-such-run/events").then().statusCode(404);
    }
}

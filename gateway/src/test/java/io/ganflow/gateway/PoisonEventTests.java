package io.ganflow.gateway;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.models.ModelAliases;
import io.ganflow.gateway.runs.RunEvents;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every topic the gateway reads, fed the records a careless or hostile producer sends: each is parked on
 * dead-letters-gateway with its reason, the gateway stays live and ready, and the next good event is processed.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class PoisonEventTests {

    static final String DEAD_LETTERS = "dead-letters-gateway";

    @Inject
    RunEvents runEvents;

    @Test
    void poisonOnRunStatusIsParkedAndTheNextStatusIsRead() {
        String runId = LocalInfrastructure.unique("poison-status");
        RunStatus good = RunStatus.pending(RunSpec.defaults(runId));
        Map<String, String> keys = PoisonRecords.send(RunStatus.TOPIC, runId + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(RunStatus.TOPIC, runId, Json.write(good));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/v1/runs/" + runId).then().statusCode(200));
        assertParkedWithReasons(keys);
        assertStillHealthy();
    }

    @Inject
    ModelAliases modelAliases;

    @Test
    void poisonOnModelAliasesIsParkedAndTheNextMoveIsFollowed() {
        String model = LocalInfrastructure.unique("poison-model");
        AliasMove good = new AliasMove(AliasMove.VERSION, model, "production", 1, null, 1, "policy", "", 1L);
        Map<String, String> keys = PoisonRecords.send(AliasMove.TOPIC, model + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(AliasMove.TOPIC, good.key(), Json.write(good));

        // the move is on the topic only (not in the store): the gateway knows it from the topic
        await().atMost(Duration.ofSeconds(60))
                .until(() -> modelAliases.current(model, "production").isPresent());
        assertParkedWithReasons(keys);
        assertStillHealthy();
    }

    @Test
    void poisonOnTrainingMetricsIsParkedAndTheNextPointIsRead() {
        String runId = LocalInfrastructure.unique("poison-metrics");
        KafkaTestClient.send(RunStatus.TOPIC, runId, Json.write(RunStatus.pending(RunSpec.defaults(runId))));
        TrainingMetrics good = new TrainingMetrics(TrainingMetrics.VERSION, runId, 0, 5, 1, 1, 0.5, 0.5, 100, 0);
        Map<String, String> keys =
                PoisonRecords.send(TrainingMetrics.TOPIC, runId + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(TrainingMetrics.TOPIC, runId, Json.write(good));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/v1/runs/" + runId + "/metrics")
                        .then()
                        .statusCode(200)
                        .body("step", equalTo(List.of(5))));
        assertParkedWithReasons(keys);
        assertStillHealthy();
    }

    @Test
    void poisonOnCheckpointsIsParkedAndTheNextCheckpointGoesLive() throws InterruptedException {
        String runId = LocalInfrastructure.unique("poison-checkpoint");
        List<String> live = new CopyOnWriteArrayList<>();
        Cancellable listening = runEvents.of(runId).subscribe().with(event -> live.add(event.json()));
        try {
            // the gateway reads only new checkpoint events: first make sure its consumer has joined
            long deadline = System.currentTimeMillis() + 60_000;
            while (live.isEmpty() && System.currentTimeMillis() < deadline) {
                KafkaTestClient.send(CheckpointEvent.TOPIC, runId, Json.write(checkpoint(runId, 1)));
                Thread.sleep(1000);
            }
            assertTrue(!live.isEmpty(), "the gateway's checkpoint consumer joined");
            Map<String, String> keys = PoisonRecords.send(
                    CheckpointEvent.TOPIC, runId + "-", PoisonRecords.of(Json.write(checkpoint(runId, 2))));
            // one that reads as JSON but points the store somewhere else
            String elsewhere = Json.write(checkpoint(runId, 2)).replace(CheckpointManifest.key(runId, 2), "datasets/x");
            KafkaTestClient.send(CheckpointEvent.TOPIC, runId + "-elsewhere", elsewhere);
            KafkaTestClient.send(CheckpointEvent.TOPIC, runId, Json.write(checkpoint(runId, 3)));

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> live.stream().anyMatch(json -> json.contains("\"step\":3")));
            assertParkedWithReasons(keys);
            Map<String, String> misdirected = PoisonRecords.awaitParked(
                    DEAD_LETTERS, Map.of("elsewhere", runId + "-elsewhere"), Duration.ofSeconds(30));
            assertTrue(
                    misdirected.get("elsewhere").contains("manifestKey"),
                    "parked for its manifest key: " + misdirected);
            assertTrue(live.stream().noneMatch(json -> json.contains("\"step\":2,")), "no poison went live: " + live);
            assertStillHealthy();
        } finally {
            listening.cancel();
        }
    }

    @Test
    void poisonOnSyntheticResultsIsParkedAndTheNextResultIsRead() {
        String requestId = LocalInfrastructure.unique("poison-result");
        SyntheticDatasetResult good = new SyntheticDatasetResult(
                SyntheticDatasetResult.VERSION,
                requestId,
                SyntheticDatasetResult.State.RUNNING,
                "some-run",
                10,
                "png-zip",
                3,
                30,
                null,
                null,
                0,
                null,
                "generated 3 of 30 images",
                System.currentTimeMillis(),
                null,
                false,
                null,
                null,
                null);
        Map<String, String> keys =
                PoisonRecords.send(SyntheticDatasetResult.TOPIC, requestId + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(SyntheticDatasetResult.TOPIC, requestId, Json.write(good));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/api/v1/synthetic-datasets")
                        .then()
                        .statusCode(200)
                        .body("requestId", hasItem(requestId)));
        assertParkedWithReasons(keys);
        assertStillHealthy();
    }

    private static CheckpointEvent checkpoint(String runId, long step) {
        return new CheckpointEvent(
                CheckpointEvent.VERSION,
                runId,
                step,
                0,
                "bucket",
                CheckpointManifest.key(runId, step),
                System.currentTimeMillis());
    }

    /** Every poison record is on the dead-letter topic, each with a reason that says what is wrong with it. */
    private static void assertParkedWithReasons(Map<String, String> keysByKind) {
        Map<String, String> reasons = PoisonRecords.awaitParked(DEAD_LETTERS, keysByKind, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("version 99 is not supported"), reasons.toString());
        assertTrue(reasons.get("oversized").contains("at most 65536 bytes"), reasons.toString());
    }

    private static void assertStillHealthy() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}

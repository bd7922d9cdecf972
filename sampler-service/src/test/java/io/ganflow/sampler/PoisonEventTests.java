package io.ganflow.sampler;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.Json;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.RunSpec;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.sampler.serving.IsolatedStoreProfile;
import io.ganflow.sampler.serving.TestCheckpoints;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ModelRegistryStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every topic the sampler reads (checkpoints, synthetic data set requests, alias moves), fed the records a careless or hostile producer sends: each is parked on
 * dead-letters-sampler-service with its reason, the sampler stays live and ready, and the next good event is served.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class PoisonEventTests {

    static final String DEAD_LETTERS = "dead-letters-sampler-service";

    @Test
    void poisonCheckpointEventsAreParkedAndTheNextCheckpointServes() throws InterruptedException {
        RunSpec spec = TestCheckpoints.spec(LocalInfrastructure.unique("poison-checkpoint"));
        String valid =
                TestCheckpoints.event(spec, 10, IsolatedStoreProfile.BUCKET, CheckpointManifest.key(spec.runId(), 10));
        Map<String, String> keys =
                PoisonRecords.send(CheckpointEvent.TOPIC, spec.runId() + "-", PoisonRecords.of(valid));
        // readable, but it would have the sampler read a data set's object as a checkpoint
        KafkaTestClient.send(
                CheckpointEvent.TOPIC,
                spec.runId() + "-elsewhere",
                valid.replace(CheckpointManifest.key(spec.runId(), 10), "datasets/x/manifest.json"));

        TestCheckpoints.announce(spec, 10, false);
        TestCheckpoints.awaitGridAtStep(spec.runId(), 10);

        Map<String, String> reasons = assertParkedWithReasons(keys);
        Map<String, String> misdirected = PoisonRecords.awaitParked(
                DEAD_LETTERS, Map.of("elsewhere", spec.runId() + "-elsewhere"), Duration.ofSeconds(30));
        assertTrue(misdirected.get("elsewhere").contains("manifestKey"), misdirected.toString());
        assertTrue(reasons.get("unknown-version").contains("CheckpointEvent version 99"));
        assertStillHealthy();
    }

    @Test
    void poisonSyntheticRequestsAreParkedAndTheNextRequestIsAnswered() {
        String requestId = LocalInfrastructure.unique("poison-request");
        SyntheticDatasetRequest good = new SyntheticDatasetRequest(
                SyntheticDatasetRequest.VERSION, requestId, "no-such-run", null, List.of(1), "png-zip", 0);
        Map<String, String> keys =
                PoisonRecords.send(SyntheticDatasetRequest.TOPIC, requestId + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(SyntheticDatasetRequest.TOPIC, requestId, Json.write(good));

        List<SyntheticDatasetResult> answers =
                KafkaTestClient.await(
                                SyntheticDatasetResult.TOPIC, r -> requestId.equals(r.key()), 1, Duration.ofSeconds(60))
                        .stream()
                        .map(r -> Json.read(r.value(), SyntheticDatasetResult.class))
                        .toList();
        assertEquals(1, answers.size(), "the good request is answered");
        assertEquals(SyntheticDatasetResult.State.FAILED, answers.get(0).state(), "no such run: FAILED, with why");
        Map<String, String> reasons = assertParkedWithReasons(keys);
        assertTrue(reasons.get("missing-fields").contains("requestId"), reasons.get("missing-fields"));
        assertStillHealthy();
    }

    @Test
    void poisonAliasMovesAreParkedAndTheNextMoveIsLoadedAhead() throws InterruptedException {
        RunSpec spec = TestCheckpoints.spec(LocalInfrastructure.unique("poison-alias"));
        TestCheckpoints.write(new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)), spec, 20);
        String model = LocalInfrastructure.unique("preloaded");
        new ModelRegistryStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET))
                .save(new ModelVersion(
                        ModelVersion.VERSION,
                        model,
                        1,
                        spec.runId(),
                        20,
                        0,
                        null,
                        spec,
                        "built-in",
                        null,
                        "test",
                        0,
                        null));
        AliasMove move = new AliasMove(AliasMove.VERSION, model, "production", 1, null, 1, "test", "first", 0);
        double loadedBefore = preloads("loaded");
        Map<String, String> keys = PoisonRecords.send(AliasMove.TOPIC, model + "-", PoisonRecords.of(Json.write(move)));
        KafkaTestClient.send(AliasMove.TOPIC, move.key(), Json.write(move));

        assertParkedWithReasons(keys);
        for (int attempt = 0; attempt < 120 && preloads("loaded") <= loadedBefore; attempt++) {
            Thread.sleep(500);
        }
        assertEquals(loadedBefore + 1, preloads("loaded"), "the good move's version was loaded ahead");
        assertStillHealthy();
    }

    /** Versions loaded ahead of their alias' clients ({@code loaded}), or not, as Prometheus scrapes it. */
    private static double preloads(String outcome) {
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("ganflow_sampler_alias_preloads_total")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    private static Map<String, String> assertParkedWithReasons(Map<String, String> keysByKind) {
        Map<String, String> reasons = PoisonRecords.awaitParked(DEAD_LETTERS, keysByKind, Duration.ofSeconds(60));
        assertTrue(reasons.get("oversized").contains("at most 65536 bytes"), reasons.toString());
        return reasons;
    }

    private static void assertStillHealthy() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}

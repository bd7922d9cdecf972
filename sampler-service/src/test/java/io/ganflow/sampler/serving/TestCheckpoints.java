package io.ganflow.sampler.serving;

import static io.restassured.RestAssured.given;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.GanTraining;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.restassured.response.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/** Checkpoints of freshly initialised generators in the test bucket, announced on Kafka like the trainer does. */
public final class TestCheckpoints {

    private TestCheckpoints() {}

    private static final CheckpointStore CHECKPOINTS =
            new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    public static RunSpec spec(String runId) {
        return new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 2, 1, 3L, 0);
    }

    /** Writes a checkpoint of a freshly initialised generator to {@code store}; returns its manifest key. */
    public static String write(CheckpointStore store, RunSpec spec, long step) {
        byte[] generator;
        try (GanTraining training = GanTraining.start(spec)) {
            generator = training.snapshot().generator();
        }
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put(CheckpointParts.GENERATOR, generator);
        parts.put(CheckpointParts.STATE, Json.writeBytes(TrainingState.start(spec)));
        return store.write(spec.runId(), step, 0, parts);
    }

    /** The event the trainer announces a checkpoint with. */
    public static String event(RunSpec spec, long step, String bucket, String manifestKey) {
        return Json.write(new CheckpointEvent(
                CheckpointEvent.VERSION, spec.runId(), step, 0, bucket, manifestKey, System.currentTimeMillis()));
    }

    /** Writes a checkpoint of a freshly initialised generator and announces it; returns its manifest key. */
    public static String announce(RunSpec spec, long step, boolean corruptGenerator) {
        String manifestKey = write(CHECKPOINTS, spec, step);
        if (corruptGenerator) {
            byte[] generator = CHECKPOINTS.readPart(CHECKPOINTS.readManifest(manifestKey), CheckpointParts.GENERATOR);
            byte[] corrupted = generator.clone();
            corrupted[corrupted.length / 2] ^= 0x10;
            LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                    .put(CheckpointManifest.prefix(spec.runId(), step) + CheckpointParts.GENERATOR, corrupted, "x/y");
        }
        KafkaTestClient.send(
                CheckpointEvent.TOPIC, spec.runId(), event(spec, step, IsolatedStoreProfile.BUCKET, manifestKey));
        return manifestKey;
    }

    public static Response awaitGridAtStep(String runId, long step) throws InterruptedException {
        for (int attempt = 0; attempt < 120; attempt++) {
            Response response = given().queryParam("seed", 7).get("/runs/{run}/grid", runId);
            if (response.statusCode() == 200 && String.valueOf(step).equals(response.header("X-Checkpoint-Step"))) {
                return response;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("run " + runId + " never served step " + step);
    }
}

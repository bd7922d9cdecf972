package io.ganflow.trainer.training;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.kafka.UnreadableRecords;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The trainer fed what a careless or hostile producer sends on the topics it reads: each record is parked on
 * dead-letters-trainer-service with its reason, a batch that does not fit its run fails that run (with the reason,
 * on run-status), and the training thread goes on with the next good record.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class PoisonRecordTests {

    static final String DEAD_LETTERS = "dead-letters-trainer-service";
    private static final RunSpecStore SPECS = new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    @Test
    void poisonCommandsAreParkedAndTheNextStartIsHandled() {
        String runId = LocalInfrastructure.unique("poison-command");
        Map<String, byte[]> poison =
                new LinkedHashMap<>(PoisonRecords.of(Json.write(RunCommand.start(IsolatedStoreProfile.spec(runId)))));
        RunSpec impossible = new RunSpec(runId, "vae", RunSpec.FASHION_MNIST, 0, 16, 2e-4, 0.5, 0.999, 100, 2, 1, 3, 0);
        poison.put("impossible-run", Json.writeBytes(RunCommand.start(impossible)));
        Map<String, String> keys = PoisonRecords.send(RunCommand.TOPIC, runId + "-", poison);

        String good = LocalInfrastructure.unique("after-poison");
        SPECS.save(IsolatedStoreProfile.spec(good));
        KafkaTestClient.send(RunCommand.TOPIC, good, Json.write(RunCommand.start(IsolatedStoreProfile.spec(good))));

        assertEquals(1, awaitRecords(EpochRequest.TOPIC, good, 1, Duration.ofSeconds(60)), "the good start is handled");
        Map<String, String> reasons = PoisonRecords.awaitParked(DEAD_LETTERS, keys, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("RunCommand version 99 is not supported"));
        assertTrue(reasons.get("impossible-run").contains("epochs must be between 1 and 10000"));
        // both channels that read run-commands (starts, and every replica's stop listener) are still up
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void poisonBatchesAreParkedBatchesThatDoNotFitFailTheirRunAndTrainingGoesOn() {
        Map<String, byte[]> poison = new LinkedHashMap<>();
        Map<String, String> runs = new LinkedHashMap<>();
        for (String kind : List.of(
                "not-a-batch",
                "unknown-version",
                "truncated",
                "overflowing-header",
                "oversized",
                "wrong-shape",
                "labels-out-of-range",
                "wrong-batch-size")) {
            String runId = LocalInfrastructure.unique("poison-" + kind);
            SPECS.save(IsolatedStoreProfile.spec(runId));
            runs.put(kind, runId);
        }
        byte[] good = batch(runs.get("not-a-batch"), 1, 28, 16, 10);
        poison.put("not-a-batch", "{\"runId\":\"x\"}".getBytes());
        byte[] newer = good.clone();
        newer[3] = 9;
        poison.put("unknown-version", newer);
        poison.put("truncated", java.util.Arrays.copyOf(good, good.length / 2));
        poison.put("overflowing-header", overflowingHeader(runs.get("overflowing-header")));
        // near the broker's 4 MiB: parked whole beside its headers it would not fit on the dead-letter topic
        poison.put("oversized", new byte[4_000_000]);
        poison.put("wrong-shape", batch(runs.get("wrong-shape"), 3, 32, 16, 10));
        poison.put("labels-out-of-range", batch(runs.get("labels-out-of-range"), 1, 28, 16, 200));
        poison.put("wrong-batch-size", batch(runs.get("wrong-batch-size"), 1, 28, 5, 10));
        poison.forEach((kind, value) -> KafkaTestClient.send(ImageBatch.TOPIC, runs.get(kind), value));

        String healthy = LocalInfrastructure.unique("healthy");
        SPECS.save(IsolatedStoreProfile.spec(healthy));
        KafkaTestClient.send(ImageBatch.TOPIC, healthy, batch(healthy, 1, 28, 16, 10));

        assertEquals(
                1,
                awaitRecords(TrainingMetrics.TOPIC, healthy, 1, Duration.ofSeconds(120)),
                "a good batch after the poison is trained");
        Map<String, String> reasons = PoisonRecords.awaitParked(DEAD_LETTERS, runs, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("version 9 is not supported"));
        assertTrue(reasons.get("wrong-shape").contains("32x32x3"));
        assertTrue(reasons.get("labels-out-of-range").contains("outside the 10 classes"));
        assertTrue(reasons.get("wrong-batch-size").contains("batch size 16"));
        ConsumerRecord<String, byte[]> oversized = KafkaTestClient.await(
                        DEAD_LETTERS, r -> runs.get("oversized").equals(r.key()), 1, Duration.ofSeconds(30))
                .get(0);
        assertEquals(UnreadableRecords.KEPT_BYTES, oversized.value().length, "parked cut to its start");
        assertEquals("4000000", PoisonRecords.header(oversized, UnreadableRecords.ORIGINAL_BYTES));

        for (String kind : List.of("wrong-shape", "labels-out-of-range", "wrong-batch-size")) {
            String runId = runs.get(kind);
            List<RunStatus> failed = KafkaTestClient.await(
                            RunStatus.TOPIC,
                            r -> runId.equals(r.key())
                                    && Json.read(r.value(), RunStatus.class).state() == RunStatus.State.FAILED,
                            1,
                            Duration.ofSeconds(30))
                    .stream()
                    .map(r -> Json.read(r.value(), RunStatus.class))
                    .toList();
            assertEquals(1, failed.size(), kind + ": the run is FAILED");
            assertTrue(
                    failed.get(0).message().contains("does not fit"),
                    failed.get(0).message());
        }
        String failedRun = runs.get("wrong-shape");
        KafkaTestClient.send(ImageBatch.TOPIC, failedRun, batch(failedRun, 1, 28, 16, 10));
        assertEquals(
                0,
                awaitRecords(TrainingMetrics.TOPIC, failedRun, 1, Duration.ofSeconds(5)),
                "a failed run trains nothing more here");
    }

    /** Batch 0 of 10 of epoch 0: {@code count} random images of side x side x channels, labels below {@code classes}. */
    private static byte[] batch(String runId, int channels, int side, int count, int labelBound) {
        Random random = new Random(count);
        int[] labels = random.ints(count, labelBound - 10, labelBound).toArray();
        byte[] pixels = new byte[count * channels * side * side];
        random.nextBytes(pixels);
        return ImageBatchCodec.encode(new ImageBatch(runId, 0, 0, 10, channels, side, side, labels, pixels));
    }

    /** A header whose count x channels x height x width overflows an int, with a few bytes after it. */
    private static byte[] overflowingHeader(String runId) {
        byte[] id = runId.getBytes();
        ByteBuffer out = ByteBuffer.allocate(4 + 2 + id.length + 16 + 6 + 64);
        out.put(new byte[] {'G', 'F', 'B', 1}).putShort((short) id.length).put(id);
        out.putInt(0).putInt(0).putInt(10).putInt(65536);
        out.putShort((short) 65535).putShort((short) 65535).putShort((short) 65535);
        return out.array();
    }

    private static int awaitRecords(String topic, String key, int count, Duration timeout) {
        return KafkaTestClient.await(topic, r -> key.equals(r.key()), count, timeout)
                .size();
    }
}

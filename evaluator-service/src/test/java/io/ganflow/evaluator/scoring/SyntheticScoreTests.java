package io.ganflow.evaluator.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.evaluator.evaluation.EvaluatorProfile;
import io.ganflow.evaluator.evaluation.TestRuns;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.ClassPatches;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Classification Accuracy Scores with the real broker and store and a stand-in dataset-service: a set whose labels
 * show its images scores as its real twin, one whose labels are shuffled scores near chance; a set that is gone,
 * altered or unreadable gets a FAILED score with the reason, a result that asked for none gets none, poison is
 * parked, and a result delivered again is answered from the kept score without training again.
 *
 * <p>Trains two classifiers per score: tagged slow, so it runs in {@code ./gan test} but not in its fast tier.
 */
@Tag("slow")
@QuarkusTest
@TestProfile(EvaluatorProfile.class)
class SyntheticScoreTests {

    private static final ObjectStore STORE = LocalInfrastructure.store(EvaluatorProfile.BUCKET);
    private static final int IMAGES = 200;

    /** The real side: the patches themselves, labelled truly, with the class counts of every set below. */
    private static final ImageBatch REAL = ClassPatches.batch("fashion-mnist", 4_242, IMAGES, 10_000);

    @Test
    void scoresWhatItWasAskedToAndSaysWhyWhenItCannot() throws Exception {
        EvaluatorProfile.DATASETS.answer(
                "/datasets/fashion-mnist/held-out",
                200,
                ImageBatchCodec.encode(ClassPatches.batch("held", 7, 300, 10)));
        EvaluatorProfile.DATASETS.answer("/datasets/fashion-mnist/training-sample", 200, ImageBatchCodec.encode(REAL));
        RunSpec run = TestRuns.cgan("scored", RunSpec.FASHION_MNIST);
        new RunSpecStore(STORE).save(run);

        int[] shuffled = REAL.labels().clone();
        shuffle(shuffled, new Random(5));
        SyntheticDatasetResult faithful =
                done(run, "faithful", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", true);
        SyntheticDatasetResult mislabelled =
                done(run, "mislabelled", SyntheticZips.png(REAL.pixels(), shuffled), "png-zip", true);
        SyntheticDatasetResult notAsked =
                done(run, "not-asked", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", false);
        SyntheticDatasetResult deleted =
                done(run, "deleted", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", true);
        STORE.delete(deleted.objectKey());
        SyntheticDatasetResult altered =
                done(run, "altered", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", true);
        STORE.put(altered.objectKey(), new byte[] {1, 2, 3}, "application/zip");
        SyntheticDatasetResult killer =
                done(run, "killer", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", true);
        // three evaluators already died while scoring it
        STORE.put(
                SyntheticScoreListener.attemptsKey(killer.requestId()),
                String.valueOf(SyntheticScoreListener.MAX_ATTEMPTS).getBytes(),
                "text/plain");
        SyntheticDatasetResult unreadable =
                done(run, "unreadable", ImageArchives.zip(Map.of("labels.csv", new byte[0])), "png-zip", true);
        Map<String, String> poison = PoisonRecords.send(
                SyntheticDatasetResult.TOPIC, "poison-" + run.runId() + "-", PoisonRecords.of(Json.write(faithful)));
        for (SyntheticDatasetResult result :
                List.of(faithful, mislabelled, notAsked, deleted, altered, unreadable, killer)) {
            KafkaTestClient.send(SyntheticDatasetResult.TOPIC, result.requestId(), Json.write(result));
        }

        SyntheticDatasetScore good = finalScore(faithful);
        assertEquals(SyntheticDatasetScore.State.DONE, good.state(), good.message());
        assertEquals(RunSpec.FASHION_MNIST, good.dataset());
        assertEquals(IMAGES, good.images());
        assertEquals(300, good.heldOutImages());
        assertTrue(good.realAccuracy() > 0.9, "patches are learnt in 40 steps: " + good.realAccuracy());
        assertEquals(good.realAccuracy(), good.syntheticAccuracy(), 0.05, "the same images, truly labelled");
        assertEquals(10, good.syntheticClassAccuracy().size());
        assertEquals(
                "counts="
                        + String.join(
                                ",",
                                Arrays.stream(counts(REAL.labels()))
                                        .mapToObj(Integer::toString)
                                        .toList()) + "&seed=20190507",
                EvaluatorProfile.DATASETS.lastQuery("/datasets/fashion-mnist/training-sample"),
                "as many real images of each class as the set has");

        SyntheticDatasetScore bad = finalScore(mislabelled);
        assertEquals(SyntheticDatasetScore.State.DONE, bad.state(), bad.message());
        assertTrue(
                bad.syntheticAccuracy() < 0.3, "labels that do not show score near chance: " + bad.syntheticAccuracy());
        assertTrue(bad.realAccuracy() > 0.9, bad.realAccuracy().toString());

        assertFailed(deleted, "deleted before it was scored");
        assertFailed(altered, "not the one its job made");
        assertFailed(unreadable, "labels.csv");
        assertFailed(killer, "never finished");

        Map<String, String> reasons =
                PoisonRecords.awaitParked("dead-letters-evaluator-service", poison, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("version 99"), reasons.toString());
        assertTrue(
                KafkaTestClient.await(
                                SyntheticDatasetScore.TOPIC,
                                r -> notAsked.requestId().equals(r.key()),
                                1,
                                Duration.ofSeconds(2))
                        .isEmpty(),
                "no score that was not asked for");
        assertFalse(STORE.exists(SyntheticDatasetScore.key(notAsked.requestId())));

        // the dataset-service away while a set is scored: waited out, one attempt however many tries it took
        EvaluatorProfile.DATASETS.answer("/datasets/fashion-mnist/training-sample", 503, "store away".getBytes());
        SyntheticDatasetResult patient =
                done(run, "patient", SyntheticZips.idx(REAL.pixels(), REAL.labels()), "idx", true);
        KafkaTestClient.send(SyntheticDatasetResult.TOPIC, patient.requestId(), Json.write(patient));
        Thread.sleep(8_000); // a few tries, with backoff
        EvaluatorProfile.DATASETS.answer("/datasets/fashion-mnist/training-sample", 200, ImageBatchCodec.encode(REAL));
        assertEquals(SyntheticDatasetScore.State.DONE, finalScore(patient).state());
        assertEquals(
                "1",
                new String(STORE.get(SyntheticScoreListener.attemptsKey(patient.requestId()))
                        .orElseThrow()),
                "an outage waited out is no new attempt");

        // delivered again: the kept score is published again, as it was (not trained a second time)
        KafkaTestClient.send(SyntheticDatasetResult.TOPIC, faithful.requestId(), Json.write(faithful));
        assertEquals(List.of(good, good), finalScores(faithful, 2));
    }

    private static void assertFailed(SyntheticDatasetResult result, String reason) {
        SyntheticDatasetScore score = finalScore(result);
        assertEquals(SyntheticDatasetScore.State.FAILED, score.state());
        assertTrue(score.message().contains(reason), score.message());
        assertEquals(
                score,
                Json.read(
                        STORE.get(SyntheticDatasetScore.key(result.requestId())).orElseThrow(),
                        SyntheticDatasetScore.class),
                "kept beside the data set");
    }

    /** The score published for {@code result} once it is DONE or FAILED (after SCORING, which may come first). */
    private static SyntheticDatasetScore finalScore(SyntheticDatasetResult result) {
        return finalScores(result, 1).get(0);
    }

    private static List<SyntheticDatasetScore> finalScores(SyntheticDatasetResult result, int count) {
        List<SyntheticDatasetScore> published = KafkaTestClient.await(
                        SyntheticDatasetScore.TOPIC,
                        r -> result.requestId().equals(r.key()) && !new String(r.value()).contains("\"SCORING\""),
                        count,
                        Duration.ofSeconds(90))
                .stream()
                .map(r -> Json.read(r.value(), SyntheticDatasetScore.class))
                .toList();
        assertEquals(count, published.size(), "final scores of " + result.requestId() + ": " + published);
        return published;
    }

    private static SyntheticDatasetResult done(RunSpec run, String name, byte[] zip, String format, boolean score)
            throws Exception {
        SyntheticDatasetRequest request = new SyntheticDatasetRequest(
                SyntheticDatasetRequest.VERSION,
                LocalInfrastructure.unique(name),
                run.runId(),
                7L,
                Arrays.stream(counts(REAL.labels())).boxed().toList(),
                format,
                0,
                score);
        STORE.put(SyntheticDatasetResult.objectKey(request.requestId()), zip, "application/zip");
        String sha256 =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(zip));
        return SyntheticDatasetResult.done(request, 7, STORE.bucket(), zip.length, sha256, null);
    }

    private static int[] counts(int[] labels) {
        int[] counts = new int[10];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    private static void shuffle(int[] values, Random random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }
}

package io.ganflow.evaluator.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.events.UploadedDataset;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.classifier.ClassifierTraining;
import io.ganflow.models.training.GanTraining;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.ClassPatches;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The evaluator with the real broker and store, and a stand-in dataset-service. Poison and a checkpoint that is gone
 * do not stop it; a GAN checkpoint on a data set without a reference classifier starts one; when the classifier's
 * final checkpoint comes it is measured on the held-out split, chosen, and the checkpoints that waited are measured,
 * a run whose spec is unreadable skipped; a checkpoint whose event was never heard is measured by the start-up
 * catch-up.
 */
@QuarkusTest
@TestProfile(EvaluatorProfile.class)
class EvaluationTests {

    @Inject
    QualityCatchUp catchUp;

    @Inject
    QualityBacklog backlog;

    @Test
    void measurementsRunOneAtATimeWhicheverThreadAsks() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean overlapped = new AtomicBoolean();
        Thread first = new Thread(() -> backlog.exclusively(() -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        first.start();
        inside.await();
        Thread second = new Thread(() -> backlog.exclusively(() -> overlapped.set(release.getCount() > 0)));
        second.start();
        second.join(500);
        release.countDown();
        first.join();
        second.join();
        assertFalse(overlapped.get(), "a second measurement started while the first held the judge");
    }

    private static final String DEAD_LETTERS = "dead-letters-evaluator-service";
    private static final String CLASSIFIER = ReferenceClassifiers.classifierRunId("fashion-mnist");
    private static final ObjectStore STORE = LocalInfrastructure.store(EvaluatorProfile.BUCKET);
    private static final CheckpointStore CHECKPOINTS = new CheckpointStore(STORE);
    private static final RunSpecStore SPECS = new RunSpecStore(STORE);
    private static final QualityStore QUALITY = new QualityStore(STORE);

    private static ImageBatch patches(String runId, int index, int count) {
        return ClassPatches.batch(runId, index, count, 10_000);
    }

    private static String announce(String runId, long step, String manifestKey) {
        KafkaTestClient.send(
                CheckpointEvent.TOPIC,
                runId,
                Json.write(new CheckpointEvent(
                        CheckpointEvent.VERSION,
                        runId,
                        step,
                        0,
                        EvaluatorProfile.BUCKET,
                        manifestKey,
                        System.currentTimeMillis())));
        return manifestKey;
    }

    /** A small cGAN run on Fashion-MNIST with a unique id starting with {@code prefix}. */
    private static RunSpec cganRun(String prefix) {
        return cganRun(prefix, RunSpec.FASHION_MNIST);
    }

    private static RunSpec cganRun(String prefix, String dataset) {
        return TestRuns.cgan(prefix, dataset);
    }

    private static String ganCheckpoint(RunSpec spec, long step) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (GanTraining training = GanTraining.start(spec)) {
            parts.put(CheckpointParts.GENERATOR, training.snapshot().generator());
        }
        parts.put(CheckpointParts.STATE, Json.writeBytes(TrainingState.start(spec)));
        return CHECKPOINTS.write(spec.runId(), step, 0, parts);
    }

    /** The quality records published on checkpoint-quality for {@code runId} (waits for at least one). */
    private static List<CheckpointQuality> published(String runId) {
        return KafkaTestClient.await(CheckpointQuality.TOPIC, r -> runId.equals(r.key()), 1, Duration.ofSeconds(30))
                .stream()
                .map(r -> Json.read(r.value(), CheckpointQuality.class))
                .toList();
    }

    private static <T> T eventually(String what, Supplier<Optional<T>> attempt) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            Optional<T> result = attempt.get();
            if (result.isPresent()) {
                return result.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within 60 s: " + what);
    }

    @Test
    void measuresWhatItCanAndLetsNothingStopIt() throws Exception {
        EvaluatorProfile.DATASETS.answer(
                "/datasets/fashion-mnist/held-out", 200, ImageBatchCodec.encode(patches("fashion-mnist", 9_999, 300)));

        // poison and a checkpoint that retention deleted before it was measured
        RunSpec gan = cganRun("gan");
        String valid = Json.write(new CheckpointEvent(
                CheckpointEvent.VERSION,
                gan.runId(),
                1,
                0,
                EvaluatorProfile.BUCKET,
                CheckpointManifest.key(gan.runId(), 1),
                1L));
        Map<String, String> poison =
                PoisonRecords.send(CheckpointEvent.TOPIC, gan.runId() + "-", PoisonRecords.of(valid));
        announce(gan.runId(), 1, CheckpointManifest.key(gan.runId(), 1));

        // a GAN checkpoint of a data set without a reference classifier: one is started, the checkpoint waits
        SPECS.save(gan);
        long step = 20;
        announce(gan.runId(), step, ganCheckpoint(gan, step));
        RunSpec started = eventually("a classifier run recorded", () -> SPECS.load(CLASSIFIER));
        assertEquals("classifier-fashion-mnist", started.model());
        assertEquals(RunSpec.FASHION_MNIST, started.dataset());
        assertFalse(
                KafkaTestClient.await(
                                RunCommand.TOPIC,
                                r -> CLASSIFIER.equals(r.key()) && new String(r.value()).contains(CLASSIFIER),
                                1,
                                Duration.ofSeconds(30))
                        .isEmpty(),
                "its start command is on run-commands");
        Map<String, String> reasons = PoisonRecords.awaitParked(DEAD_LETTERS, poison, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("version 99"), reasons.toString());
        assertFalse(QUALITY.has(gan.runId(), step), "nothing to judge it with yet");

        // a run whose spec is unreadable, with a checkpoint, must not stop the others being measured
        RunSpec brokenRun = cganRun("broken");
        String broken = brokenRun.runId();
        STORE.put(RunSpecStore.key(broken), "{\"runId\":".getBytes(), "application/json");
        ganCheckpoint(brokenRun, 5);

        // the classifier's final checkpoint: measured on the held-out split, chosen, the waiting checkpoints measured
        ClassifierShape shape = new ClassifierShape(1, 28, 10);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ClassifierTraining training = ClassifierTraining.start(shape, 1e-3, 1, 3L)) {
            for (int i = 0; i < 80; i++) {
                training.step(patches(CLASSIFIER, i, 32), i);
            }
            parts.putAll(training.checkpointParts(null, 0));
        }
        parts.put(
                CheckpointParts.STATE,
                Json.writeBytes(new TrainingState(TrainingState.VERSION, started, 80, 1, 0, true, 80, null)));
        String classifierKey = announce(CLASSIFIER, 80, CHECKPOINTS.write(CLASSIFIER, 80, 1, parts));

        ReferenceClassifierChoice chosen =
                eventually("the classifier chosen", () -> QUALITY.classifierOf(RunSpec.FASHION_MNIST));
        assertEquals(classifierKey, chosen.manifestKey());
        assertTrue(chosen.heldOutAccuracy() > 0.9, "patches are easy: " + chosen.heldOutAccuracy());
        assertEquals(300, chosen.heldOutImages());
        CheckpointQuality measured =
                eventually("the waiting checkpoint measured", () -> QUALITY.find(gan.runId(), step));
        assertEquals(10 * EvaluatorProfile.IMAGES_PER_CLASS, measured.images());
        assertEquals(300, measured.heldOutImages());
        assertEquals(CLASSIFIER, measured.classifierRunId());
        assertTrue(measured.fcd() > 0, "an untrained generator is far from the patches");
        assertTrue(measured.precision() >= 0 && measured.precision() <= 1, "precision " + measured.precision());
        assertTrue(
                measured.recall() < 0.5, "an untrained generator covers little of the patches: " + measured.recall());
        assertEquals(10, measured.classAccuracy().size());
        for (int c = 0; c < 10; c++) {
            List<Integer> row = measured.confusion().get(c);
            assertEquals(
                    EvaluatorProfile.IMAGES_PER_CLASS,
                    row.stream().mapToInt(Integer::intValue).sum(),
                    "the confusion row of class " + c + " counts its images");
            assertEquals(
                    measured.classAccuracy().get(c), row.get(c) / (double) EvaluatorProfile.IMAGES_PER_CLASS, 1e-9);
        }
        List<CheckpointQuality> published = published(gan.runId());
        assertEquals(
                List.of(step), published.stream().map(CheckpointQuality::step).toList());
        assertFalse(QUALITY.has(broken, 5), "the run with the unreadable spec is skipped, not the end of the backlog");

        // a checkpoint stored while no evaluator listened (its event never read): the start-up catch-up measures it
        RunSpec unheard = cganRun("unheard");
        SPECS.save(unheard);
        ganCheckpoint(unheard, 9);
        assertFalse(QUALITY.has(unheard.runId(), 9));
        catchUp.catchUp();
        assertEquals(CLASSIFIER, QUALITY.find(unheard.runId(), 9).orElseThrow().classifierRunId());
    }

    /** An uploaded data set of {@code side x side x channels} images, {@code perClass} of each of {@code classes}. */
    private static String upload(String prefix, int classes, int perClass, int channels, int side) {
        String name = LocalInfrastructure.unique(prefix);
        byte[] labels = new byte[classes * perClass];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = (byte) (i % classes);
        }
        new DatasetStore(STORE)
                .save(
                        new UploadedDataset(
                                UploadedDataset.VERSION,
                                name,
                                channels,
                                side,
                                IntStream.range(0, classes)
                                        .mapToObj(c -> "class-" + c)
                                        .toList(),
                                Collections.nCopies(classes, perClass),
                                List.of(),
                                0,
                                null,
                                null,
                                0,
                                UploadedDataset.HELD_OUT_EVERY),
                        new byte[labels.length * channels * side * side],
                        labels);
        return name;
    }

    @Test
    void aGanOnAnUploadedDataSetGetsAReferenceClassifierOfItsShapeWhenItCanHaveOne() throws Exception {
        String elevenClasses = upload("eleven", 11, 7, 1, 28);
        RunSpec unmeasurable = cganRun("on-eleven", elevenClasses);
        SPECS.save(unmeasurable);
        announce(unmeasurable.runId(), 3, ganCheckpoint(unmeasurable, 3));

        String pets = upload("pets", 10, 7, 1, 28);
        EvaluatorProfile.DATASETS.answer(
                "/datasets/" + pets + "/held-out", 200, ImageBatchCodec.encode(patches(pets, 5, 10)));
        RunSpec gan = cganRun("on-pets", pets);
        SPECS.save(gan);
        announce(gan.runId(), 3, ganCheckpoint(gan, 3));

        RunSpec started = eventually(
                "a classifier run recorded for " + pets, () -> SPECS.load(ReferenceClassifiers.classifierRunId(pets)));
        assertEquals("classifier-fashion-mnist", started.model(), "the family of its shape");
        assertEquals(pets, started.dataset());
        Thread.sleep(2_000);
        assertTrue(
                SPECS.load(ReferenceClassifiers.classifierRunId(elevenClasses)).isEmpty(),
                "11 classes: more than a classifier tells apart, none is started");
    }

    @Test
    void anUnconditionalGanOnAnUploadOfThreeClassesIsMeasuredByAClassifierOfThoseThree() throws Exception {
        String three = upload("three", 3, 7, 3, 32);
        ImageBatch heldOut = ClassPatches.batch(three, 9_998, 300, 10_000, 3, 3, 32);
        EvaluatorProfile.DATASETS.answer("/datasets/" + three + "/held-out", 200, ImageBatchCodec.encode(heldOut));
        RunSpec dcgan = TestRuns.dcgan("dcgan-on-three", three);
        SPECS.save(dcgan);
        announce(dcgan.runId(), 3, ganCheckpoint(dcgan, 3));

        String classifierRun = ReferenceClassifiers.classifierRunId(three);
        RunSpec started = eventually("a classifier run recorded for " + three, () -> SPECS.load(classifierRun));
        assertEquals("classifier-cifar10", started.model(), "the family of its shape");

        // the classifier run's final checkpoint, trained on the three classes
        Map<String, byte[]> parts = new LinkedHashMap<>();
        try (ClassifierTraining training = ClassifierTraining.start(new ClassifierShape(3, 32, 10), 1e-3, 1, 3L)) {
            for (int i = 0; i < 60; i++) {
                training.step(ClassPatches.batch(classifierRun, i, 32, 60, 3, 3, 32), i);
            }
            parts.putAll(training.checkpointParts(null, 0));
        }
        parts.put(
                CheckpointParts.STATE,
                Json.writeBytes(new TrainingState(TrainingState.VERSION, started, 60, 1, 0, true, 60, null)));
        announce(classifierRun, 60, CHECKPOINTS.write(classifierRun, 60, 1, parts));

        ReferenceClassifierChoice chosen = eventually("the classifier chosen", () -> QUALITY.classifierOf(three));
        assertTrue(chosen.heldOutAccuracy() > 0.9, "patches are easy: " + chosen.heldOutAccuracy());
        CheckpointQuality ofClassifier = QUALITY.find(classifierRun, 60).orElseThrow();
        assertEquals(3, ofClassifier.classAccuracy().size(), "a figure for each of the data set's classes");
        assertEquals(3, ofClassifier.confusion().size());
        for (int c = 0; c < 3; c++) {
            int label = c;
            List<Integer> row = ofClassifier.confusion().get(c);
            assertEquals(3, row.size(), "its images are judged among the data set's classes only");
            assertEquals(
                    IntStream.of(heldOut.labels()).filter(l -> l == label).count(),
                    (long) row.stream().mapToInt(Integer::intValue).sum(),
                    row.stream().mapToInt(Integer::intValue).sum(),
                    "the row of class " + c + " counts its held-out images");
        }

        CheckpointQuality measured =
                eventually("the DCGAN checkpoint that waited, measured", () -> QUALITY.find(dcgan.runId(), 3));
        assertEquals(classifierRun, measured.classifierRunId());
        assertEquals(null, measured.accuracy(), "an unconditional GAN has no requested classes");
        assertTrue(measured.fcd() > 0, "an untrained generator is far from the patches");
        assertTrue(
                measured.classEntropyBits() <= Math.log(3) / Math.log(2) + 1e-9,
                "entropy over 3 classes: " + measured.classEntropyBits());
        List<CheckpointQuality> published = published(dcgan.runId());
        assertEquals(measured.fcd(), published.get(0).fcd());
    }

    @Test
    void aDataSetNameTooLongForAClassifierRunIdStillGetsAValidOne() {
        String longest = "a".repeat(63);
        String runId = ReferenceClassifiers.classifierRunId(longest);
        assertTrue(io.ganflow.events.Ids.isValid(runId), runId);
        assertFalse(runId.equals(ReferenceClassifiers.classifierRunId("a".repeat(62))));
    }
}

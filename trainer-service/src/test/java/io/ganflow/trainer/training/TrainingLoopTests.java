package io.ganflow.trainer.training;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.DeadLetter;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.TrainingState;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.classifier.LoadedClassifier;
import io.ganflow.models.classifier.ReferenceClassifier;
import io.ganflow.models.numerics.Numerics;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.trainer.runs.RunSessions;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The trainer with the real broker and store; batches are published by the test in the dataset-service's format. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class TrainingLoopTests {

    private static RunSpec spec(String runId) {
        return IsolatedStoreProfile.spec(runId);
    }

    private static byte[] batch(String runId, int index, int batches) {
        Random random = new Random(index);
        int[] labels = random.ints(16, 0, 10).toArray();
        byte[] pixels = new byte[16 * 784];
        random.nextBytes(pixels);
        return ImageBatchCodec.encode(new ImageBatch(runId, 0, index, batches, 1, 28, 28, labels, pixels));
    }

    private static <T> List<T> await(
            String topic, String runId, Class<T> type, java.util.function.Predicate<T> match, int count) {
        return await(topic, runId, type, match, count, Duration.ofSeconds(120));
    }

    private static <T> List<T> await(
            String topic,
            String runId,
            Class<T> type,
            java.util.function.Predicate<T> match,
            int count,
            Duration timeout) {
        return KafkaTestClient.await(
                        topic, r -> runId.equals(r.key()) && match.test(Json.read(r.value(), type)), count, timeout)
                .stream()
                .map(r -> Json.read(r.value(), type))
                .toList();
    }

    private static final RunSpecStore SPECS = new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    @Test
    void healthAndMetricsSayWhichConvolutionKernelsThisTrainerChoseAndWhy() {
        String kernels = Numerics.current().kernels().id();
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'numerics' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'numerics' }.data.kernels", equalTo(kernels))
                .body("checks.find { it.name == 'numerics' }.data.checkedAgainstFloat64", equalTo(true))
                .body("checks.find { it.name == 'numerics' }.data.libtorch", equalTo("2.7.1"))
                .body("checks.find { it.name == 'numerics' }.data.reason", not(emptyString()));
        given().get("/q/metrics")
                .then()
                .statusCode(200)
                .body(containsString("ganflow_numerics_kernels{checked=\"true\",kernels=\"" + kernels + "\"} 1.0"))
                .body(containsString("ganflow_numerics_choice_seconds"));
    }

    @Test
    void aStartedRunAsksForItsFirstEpoch() {
        String runId = LocalInfrastructure.unique("start");
        SPECS.save(spec(runId));
        KafkaTestClient.send(RunCommand.TOPIC, runId, Json.write(RunCommand.start(spec(runId))));
        List<EpochRequest> requests = await(EpochRequest.TOPIC, runId, EpochRequest.class, r -> r.epoch() == 0, 1);
        assertEquals(1, requests.size());
        assertEquals(16, requests.get(0).batchSize());
        assertEquals(0, requests.get(0).firstBatch());
        assertEquals(IsolatedStoreProfile.WINDOW, requests.get(0).batchCount());
    }

    @Test
    void anUnfinishedRunInTheStoreIsTakenUpWhereItsCheckpointLeftItWhenTheTrainerStarts() {
        List<EpochRequest> requests =
                await(EpochRequest.TOPIC, IsolatedStoreProfile.UNFINISHED_RUN, EpochRequest.class, r -> true, 1);
        assertEquals(
                List.of(0, IsolatedStoreProfile.WINDOW),
                List.of(requests.get(0).epoch(), requests.get(0).firstBatch()),
                "the window after the checkpoint's batches");
        assertTrue(
                await(
                                EpochRequest.TOPIC,
                                IsolatedStoreProfile.FAILED_RUN,
                                EpochRequest.class,
                                r -> true,
                                1,
                                Duration.ofSeconds(3L * IsolatedStoreProfile.RECONCILE_SECONDS))
                        .isEmpty(),
                "a run that failed is not taken up");
    }

    @Test
    void aStoppedRunEndsWithALastCheckpointAndTrainsNothingMore() {
        String runId = LocalInfrastructure.unique("stopped");
        SPECS.save(spec(runId));
        for (int index = 0; index < 3; index++) {
            KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, index, 10));
        }
        await(TrainingMetrics.TOPIC, runId, TrainingMetrics.class, m -> m.step() == 3, 1);
        SPECS.markStopped(runId);
        KafkaTestClient.send(RunCommand.TOPIC, runId, Json.write(RunCommand.stop(runId)));

        List<RunStatus> stopped =
                await(RunStatus.TOPIC, runId, RunStatus.class, s -> s.state() == RunStatus.State.STOPPED, 1);
        assertEquals(3, stopped.get(0).latestCheckpointStep(), "the step trained since the checkpoint at 2 is kept");
        assertEquals(
                List.of(2L, 3L),
                await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> true, 2).stream()
                        .map(CheckpointEvent::step)
                        .toList());
        KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, 3, 10));
        assertTrue(
                await(TrainingMetrics.TOPIC, runId, TrainingMetrics.class, m -> m.step() == 4, 1, Duration.ofSeconds(5))
                        .isEmpty(),
                "a stopped run's later batches are not trained");
    }

    @Test
    void asksForTheNextWindowHalfWayThroughAndAgainWhenItsBatchesNeverCome() {
        String runId = LocalInfrastructure.unique("window");
        SPECS.save(spec(runId));
        for (int index = 0; index < IsolatedStoreProfile.WINDOW; index++) {
            KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, index, 4));
        }
        // the next window is asked for while the first is trained; its batches never come (no dataset-service
        // here), so once the topic has been quiet for the stall time it is asked for again
        List<EpochRequest> requests = await(
                EpochRequest.TOPIC, runId, EpochRequest.class, r -> r.firstBatch() == IsolatedStoreProfile.WINDOW, 2);
        assertEquals(2, requests.size());
        assertEquals(IsolatedStoreProfile.WINDOW, requests.get(0).batchCount());
    }

    @Test
    void aCommandForARunThatIsNotInTheStoreIsIgnored() {
        String foreign = LocalInfrastructure.unique("foreign");
        KafkaTestClient.send(RunCommand.TOPIC, foreign, Json.write(RunCommand.start(spec(foreign))));
        String known = LocalInfrastructure.unique("known");
        SPECS.save(spec(known));
        KafkaTestClient.send(RunCommand.TOPIC, known, Json.write(RunCommand.start(spec(known))));
        // commands are handled in order: once the known run's request is out, the foreign one was passed over
        assertEquals(
                1,
                await(EpochRequest.TOPIC, known, EpochRequest.class, r -> true, 1)
                        .size());
        assertTrue(await(EpochRequest.TOPIC, foreign, EpochRequest.class, r -> true, 1, Duration.ofSeconds(3))
                .isEmpty());
    }

    @Test
    void batchesOfARunWithoutASpecHereAreSkippedOnlyUntilItGetsOne() throws InterruptedException {
        // a fixed run id (the evaluator's classifier-<data set>) of another deployment on a shared broker, before
        // this deployment records a run of that id
        String live = LocalInfrastructure.unique("live");
        SPECS.save(new RunSpec(
                live, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 1, 1, 3L, 32));
        sendEpoch(live, 0);
        await(CheckpointEvent.TOPIC, live, CheckpointEvent.class, e -> e.step() == 2, 1); // the feed is reading
        String runId = LocalInfrastructure.unique("later");
        sendEpoch(runId, 0);
        Thread.sleep(3_000);
        assertTrue(await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> true, 1, Duration.ofSeconds(1))
                .isEmpty());

        SPECS.save(new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 1, 1, 3L, 32));
        Thread.sleep(RunSessions.UNKNOWN_RECHECK_MILLIS);
        sendEpoch(runId, 0);
        assertEquals(
                1,
                await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> e.step() == 2, 1)
                        .size(),
                "its batches are trained once it is ours");
    }

    /** Both batches of 16 images of {@code runId}'s {@code epoch}. */
    private static void sendEpoch(String runId, int epoch) {
        for (int index = 0; index < 2; index++) {
            Random random = new Random(index);
            byte[] pixels = new byte[16 * 784];
            random.nextBytes(pixels);
            KafkaTestClient.send(
                    ImageBatch.TOPIC,
                    runId,
                    ImageBatchCodec.encode(new ImageBatch(
                            runId,
                            epoch,
                            index,
                            2,
                            1,
                            28,
                            28,
                            random.ints(16, 0, 10).toArray(),
                            pixels)));
        }
    }

    @Test
    void checkpointsNobodyNeedsAreDeletedAndTheLatestEpochEndsAndPinnedOnesStay() {
        String runId = LocalInfrastructure.unique("retained");
        RunSpec everyStep = new RunSpec(
                runId, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 2, 16, 2e-4, 0.5, 0.999, 100, 1, 1, 3L, 32);
        SPECS.save(everyStep);
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        checkpoints.pin(runId, 1, "syn-job"); // a synthetic data set job draws from step 1
        for (int epoch = 0; epoch < 2; epoch++) {
            sendEpoch(runId, epoch);
        }
        await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> e.step() == 4, 1);
        // steps 1..4, one checkpoint each; epoch 0 ended at 2, epoch 1 at 4; the latest is 4
        assertEquals(List.of(1L, 2L, 4L), checkpoints.steps(runId));
        assertTrue(
                LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                        .list(CheckpointManifest.prefix(runId, 3))
                        .isEmpty(),
                "nothing of step 3 is left");
    }

    @Test
    void trainsAnEpochAndLeavesVerifiedCheckpointsAndACompletedStatus() {
        String runId = LocalInfrastructure.unique("train");
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        SPECS.save(spec(runId));
        KafkaTestClient.send(ImageBatch.TOPIC, runId, "garbage that is no batch".getBytes());
        for (int index = 0; index < 3; index++) {
            KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, index, 3));
        }
        // a duplicate of a batch already sent must not be trained twice
        KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, 1, 3));

        List<CheckpointEvent> events = await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> true, 2);
        assertEquals(
                List.of(2L, 3L),
                events.stream().map(CheckpointEvent::step).toList(),
                "a checkpoint every 2 steps and one at the end of the epoch");
        CheckpointManifest manifest = checkpoints.readManifest(events.get(1).manifestKey());
        TrainingState state = Json.read(checkpoints.readPart(manifest, CheckpointParts.STATE), TrainingState.class);
        assertTrue(state.completed());
        assertEquals(3, state.step());
        assertEquals(
                Numerics.current().kernels().id(),
                state.numerics().kernels(),
                "the checkpoint says which convolution kernels trained it");
        assertTrue(state.numerics().checked());
        assertTrue(
                state.numerics().machine().contains("PyTorch 2.7.1"),
                state.numerics().machine());
        assertFalse(checkpoints.readPart(manifest, CheckpointParts.SAMPLES).length == 0);

        List<RunStatus> completed =
                await(RunStatus.TOPIC, runId, RunStatus.class, s -> s.state() == RunStatus.State.COMPLETED, 1);
        assertEquals(3, completed.get(0).latestCheckpointStep());
        List<ConsumerRecord<String, byte[]>> parked = KafkaTestClient.await(
                DeadLetter.topicFor("trainer-service"), r -> runId.equals(r.key()), 1, Duration.ofSeconds(30));
        assertEquals(1, parked.size(), "the garbage record is parked");
    }

    @Test
    void aReferenceClassifierTrainsThroughTheSamePipelineAndItsCheckpointHoldsItsNetwork() {
        String runId = LocalInfrastructure.unique("classifier");
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        SPECS.save(new RunSpec(
                runId, "classifier-fashion-mnist", RunSpec.FASHION_MNIST, 1, 16, 1e-3, 0.9, 0.999, 100, 2, 1, 3L, 64));
        for (int index = 0; index < 3; index++) {
            KafkaTestClient.send(ImageBatch.TOPIC, runId, batch(runId, index, 3));
        }
        List<CheckpointEvent> events = await(CheckpointEvent.TOPIC, runId, CheckpointEvent.class, e -> true, 2);
        assertEquals(List.of(2L, 3L), events.stream().map(CheckpointEvent::step).toList());
        CheckpointManifest manifest = checkpoints.readManifest(events.get(1).manifestKey());
        assertTrue(manifest.has(CheckpointParts.CLASSIFIER) && manifest.has(CheckpointParts.CLASSIFIER_OPTIMIZER));
        assertFalse(manifest.has(CheckpointParts.GENERATOR), "a classifier has no generator");
        ClassifierShape shape = RunTrainings.shape(Catalog.CLASSIFIER_FASHION_MNIST);
        try (LoadedClassifier classifier =
                LoadedClassifier.load(shape, checkpoints.readPart(manifest, CheckpointParts.CLASSIFIER))) {
            LoadedClassifier.Classified seen = classifier.classify(new byte[2 * 784], 2);
            assertEquals(ReferenceClassifier.FEATURES, seen.features()[0].length);
        }
        List<TrainingMetrics> metrics = await(TrainingMetrics.TOPIC, runId, TrainingMetrics.class, m -> true, 3);
        assertTrue(
                metrics.stream().allMatch(m -> m.lossD() > 0 && m.dReal() >= 0 && m.dReal() <= 1 && m.lossG() == 0),
                "the classifier's loss and batch accuracy: " + metrics);
        await(RunStatus.TOPIC, runId, RunStatus.class, s -> s.state() == RunStatus.State.COMPLETED, 1);
    }
}

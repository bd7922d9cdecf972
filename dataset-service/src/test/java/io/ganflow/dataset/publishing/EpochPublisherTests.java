package io.ganflow.dataset.publishing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.DeadLetter;
import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.Json;
import io.ganflow.events.RunStatus;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The service with the real broker and the real Fashion-MNIST files. */
@QuarkusTest
class EpochPublisherTests {

    private static List<ImageBatch> awaitBatches(String runId, int count) {
        return KafkaTestClient.await(ImageBatch.TOPIC, r -> runId.equals(r.key()), count, Duration.ofSeconds(60))
                .stream()
                .map(r -> ImageBatchCodec.decode(r.value()))
                .toList();
    }

    @Test
    void anEpochRequestIsAnsweredWithTheWholeEpochAsBatches() {
        String runId = LocalInfrastructure.unique("epoch");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                runId,
                Json.write(new EpochRequest(EpochRequest.VERSION, runId, "fashion-mnist", 2, 64, 5L, 256)));

        List<ImageBatch> batches = awaitBatches(runId, 4);
        assertEquals(4, batches.size());
        assertEquals(
                List.of(0, 1, 2, 3), batches.stream().map(ImageBatch::index).toList());
        for (ImageBatch batch : batches) {
            assertEquals(2, batch.epoch());
            assertEquals(4, batch.batchesInEpoch());
            assertEquals(64, batch.size());
            assertEquals(List.of(1, 28, 28), List.of(batch.channels(), batch.height(), batch.width()));
            assertTrue(java.util.Arrays.stream(batch.labels()).allMatch(l -> l >= 0 && l < 10));
        }
        Set<Integer> classes = batches.stream()
                .flatMapToInt(b -> java.util.Arrays.stream(b.labels()))
                .boxed()
                .collect(Collectors.toSet());
        assertEquals(10, classes.size(), "256 Fashion-MNIST images cover all 10 classes");
    }

    @Test
    void aWindowRequestIsAnsweredWithJustThoseBatchesInTheEpochsOrder() {
        String runId = LocalInfrastructure.unique("window");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                runId,
                Json.write(new EpochRequest(EpochRequest.VERSION, runId, "fashion-mnist", 1, 16, 5L, 160, 4, 3)));
        String whole = LocalInfrastructure.unique("whole");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                whole,
                Json.write(new EpochRequest(EpochRequest.VERSION, whole, "fashion-mnist", 1, 16, 5L, 160)));

        List<ImageBatch> window = awaitBatches(runId, 3);
        List<ImageBatch> epoch = awaitBatches(whole, 10);
        assertEquals(List.of(4, 5, 6), window.stream().map(ImageBatch::index).toList());
        assertEquals(
                3,
                KafkaTestClient.await(ImageBatch.TOPIC, r -> runId.equals(r.key()), 4, Duration.ofSeconds(5))
                        .size(),
                "nothing beyond the window");
        for (int i = 0; i < 3; i++) {
            assertEquals(
                    java.util.Arrays.toString(epoch.get(4 + i).labels()),
                    java.util.Arrays.toString(window.get(i).labels()));
        }
    }

    @Test
    void aRunWhoseDataCannotBeReadIsMarkedFailedWithTheReason() {
        String runId = LocalInfrastructure.unique("no-cifar");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                runId,
                Json.write(new EpochRequest(EpochRequest.VERSION, runId, "cifar-10", 0, 64, 5L, 0)));
        List<RunStatus> statuses =
                KafkaTestClient.await(RunStatus.TOPIC, r -> runId.equals(r.key()), 1, Duration.ofSeconds(60)).stream()
                        .map(r -> Json.read(r.value(), RunStatus.class))
                        .toList();
        assertEquals(1, statuses.size());
        assertEquals(RunStatus.State.FAILED, statuses.get(0).state());
        assertTrue(
                statuses.get(0).message().contains("no CIFAR-10 at /nonexistent/cifar-10"),
                statuses.get(0).message());
    }

    @Test
    void aBadRequestIsParkedAndTheNextOneIsStillServed() {
        String badRun = LocalInfrastructure.unique("bad");
        KafkaTestClient.send(EpochRequest.TOPIC, badRun, "this is not an epoch request");
        String unknownDataset = LocalInfrastructure.unique("unknown");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                unknownDataset,
                Json.write(new EpochRequest(EpochRequest.VERSION, unknownDataset, "imagenet", 0, 64, 5L, 0)));
        String goodRun = LocalInfrastructure.unique("good");
        KafkaTestClient.send(
                EpochRequest.TOPIC,
                goodRun,
                Json.write(new EpochRequest(EpochRequest.VERSION, goodRun, "fashion-mnist", 0, 100, 5L, 100)));

        List<ConsumerRecord<String, byte[]>> parked = KafkaTestClient.await(
                DeadLetter.topicFor("dataset-service"),
                r -> badRun.equals(r.key()) || unknownDataset.equals(r.key()),
                2,
                Duration.ofSeconds(60));
        assertEquals(2, parked.size(), "both bad requests are on the dead-letter topic");
        assertEquals(1, awaitBatches(goodRun, 1).size());
    }
}

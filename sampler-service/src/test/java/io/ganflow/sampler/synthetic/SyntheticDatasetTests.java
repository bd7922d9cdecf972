package io.ganflow.sampler.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.Sha256;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.sampler.serving.IsolatedStoreProfile;
import io.ganflow.sampler.serving.TestCheckpoints;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Synthetic data sets requested on Kafka, with the real broker and store. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class SyntheticDatasetTests {

    private static SyntheticDatasetResult send(SyntheticDatasetRequest request) {
        KafkaTestClient.send(SyntheticDatasetRequest.TOPIC, request.requestId(), Json.write(request));
        return awaitEnd(request.requestId());
    }

    private static SyntheticDatasetResult awaitEnd(String requestId) {
        List<ConsumerRecord<String, byte[]>> ends = KafkaTestClient.await(
                SyntheticDatasetResult.TOPIC,
                record -> requestId.equals(record.key())
                        && !result(record).state().equals(SyntheticDatasetResult.State.RUNNING),
                1,
                Duration.ofMinutes(2));
        assertEquals(1, ends.size(), "no DONE or FAILED result for " + requestId);
        return result(ends.get(0));
    }

    private static SyntheticDatasetResult result(ConsumerRecord<String, byte[]> record) {
        return Json.read(new String(record.value(), StandardCharsets.UTF_8), SyntheticDatasetResult.class);
    }

    private static String servedRun(RunSpec spec, long step) throws InterruptedException {
        TestCheckpoints.announce(spec, step, false);
        TestCheckpoints.awaitGridAtStep(spec.runId(), step);
        return spec.runId();
    }

    private static byte[] download(SyntheticDatasetResult done) {
        assertEquals(SyntheticDatasetResult.State.DONE, done.state(), done.message());
        byte[] archive =
                LocalInfrastructure.store(done.bucket()).get(done.objectKey()).orElseThrow();
        assertEquals(done.bytes(), archive.length);
        assertEquals(done.sha256(), Sha256.hex(archive), "the claim check names the bytes stored");
        return archive;
    }

    private static Map<String, byte[]> entries(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static SyntheticDatasetRequest request(String runId, List<Integer> counts, String format) {
        return new SyntheticDatasetRequest(
                SyntheticDatasetRequest.VERSION, LocalInfrastructure.unique("syn"), runId, null, counts, format, 11L);
    }

    @Test
    void aRequestOnKafkaIsAnsweredWithAClaimCheckOfAPngZipWithTheCountsAskedForPerClass() throws Exception {
        String runId = servedRun(TestCheckpoints.spec(LocalInfrastructure.unique("syn-png")), 10);

        SyntheticDatasetResult done = send(request(runId, List.of(3, 0, 2), SyntheticDatasetRequest.PNG_ZIP));

        assertEquals(10, done.step());
        assertEquals(5, done.total());
        Map<String, byte[]> entries = entries(download(done));
        assertEquals(
                "file,label\nimage-000000.png,0\nimage-000001.png,0\nimage-000002.png,0\n"
                        + "image-000003.png,2\nimage-000004.png,2\n",
                new String(entries.get("labels.csv"), StandardCharsets.UTF_8));
        for (int i = 0; i < 5; i++) {
            BufferedImage image =
                    ImageIO.read(new ByteArrayInputStream(entries.get(String.format("image-%06d.png", i))));
            assertEquals(28, image.getWidth());
            assertEquals(28, image.getHeight());
        }
    }

    @Test
    void idxFilesHaveFashionMnistsHeadersAndTheSameRequestGivesTheSameBytes() throws Exception {
        String runId = servedRun(TestCheckpoints.spec(LocalInfrastructure.unique("syn-idx")), 10);
        SyntheticDatasetRequest first = request(runId, List.of(2, 1), SyntheticDatasetRequest.IDX);

        SyntheticDatasetResult done = send(first);
        Map<String, byte[]> entries = entries(download(done));

        DataInputStream images = new DataInputStream(new ByteArrayInputStream(entries.get("images-idx3-ubyte")));
        assertEquals(2051, images.readInt());
        assertEquals(3, images.readInt());
        assertEquals(28, images.readInt());
        assertEquals(28, images.readInt());
        assertEquals(3 * 28 * 28, images.readAllBytes().length);
        DataInputStream labels = new DataInputStream(new ByteArrayInputStream(entries.get("labels-idx1-ubyte")));
        assertEquals(2049, labels.readInt());
        assertEquals(3, labels.readInt());
        assertArrayEquals(new byte[] {0, 0, 1}, labels.readAllBytes());

        SyntheticDatasetRequest again = new SyntheticDatasetRequest(
                first.version(),
                LocalInfrastructure.unique("syn"),
                runId,
                10L,
                first.counts(),
                first.format(),
                first.seed(),
                true);
        SyntheticDatasetResult doneAgain = send(again);
        assertEquals(done.sha256(), doneAgain.sha256());
        assertFalse(done.scoreRequested());
        assertTrue(doneAgain.scoreRequested(), "the evaluators learn from the result that a score was asked for");
    }

    @Test
    void aJobItsRequesterCancelledEndsCancelledAndWritesNothing() throws Exception {
        String runId = servedRun(TestCheckpoints.spec(LocalInfrastructure.unique("syn-cancel")), 10);
        SyntheticDatasetRequest request = request(runId, List.of(6000, 6000), SyntheticDatasetRequest.PNG_ZIP);
        LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .put(SyntheticDatasetResult.cancelKey(request.requestId()), new byte[0], "application/octet-stream");

        SyntheticDatasetResult cancelled = send(request);
        assertEquals(SyntheticDatasetResult.State.CANCELLED, cancelled.state(), cancelled.message());
        assertTrue(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .get(SyntheticDatasetResult.objectKey(request.requestId()))
                .isEmpty());
    }

    @Test
    void requestsThatCannotBeServedFailWithTheReasonAndUnreadableOnesAreParked() throws Exception {
        SyntheticDatasetResult noRun = send(request("no-such-run", List.of(1), SyntheticDatasetRequest.PNG_ZIP));
        assertEquals(SyntheticDatasetResult.State.FAILED, noRun.state());
        assertTrue(noRun.message().contains("no checkpoint"), noRun.message());

        SyntheticDatasetResult badCounts = send(request("any-run", List.of(-1, 5), SyntheticDatasetRequest.IDX));
        assertEquals(SyntheticDatasetResult.State.FAILED, badCounts.state());
        assertTrue(badCounts.message().contains("counts must not be negative"), badCounts.message());

        String dcganRun = LocalInfrastructure.unique("syn-dcgan");
        servedRun(new RunSpec(dcganRun, "dcgan-cifar10", "cifar-10", 1, 16, 2e-4, 0.5, 0.999, 128, 2, 1, 3L, 0), 10);
        SyntheticDatasetResult unconditional = send(request(dcganRun, List.of(1), SyntheticDatasetRequest.IDX));
        assertEquals(SyntheticDatasetResult.State.FAILED, unconditional.state());
        assertTrue(unconditional.message().contains("not conditioned on a class"), unconditional.message());

        String key = LocalInfrastructure.unique("garbage");
        KafkaTestClient.send(SyntheticDatasetRequest.TOPIC, key, "{not json");
        assertEquals(
                1,
                KafkaTestClient.await(
                                "dead-letters-sampler-service", r -> key.equals(r.key()), 1, Duration.ofSeconds(60))
                        .size());
    }
}

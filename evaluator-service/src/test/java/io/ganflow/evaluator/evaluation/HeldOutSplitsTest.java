package io.ganflow.evaluator.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import java.net.ServerSocket;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client of the dataset-service's held-out splits, against answers a broken or absent service gives. */
class HeldOutSplitsTest {

    private final StubDatasetService service = new StubDatasetService();

    @AfterEach
    void stop() {
        service.close();
    }

    static EvaluationConfig at(String url) {
        return new EvaluationConfig() {
            @Override
            public int imagesPerClass() {
                return 10;
            }

            @Override
            public long seed() {
                return 1;
            }

            @Override
            public String datasetServiceUrl() {
                return url;
            }

            @Override
            public int classifierEpochs() {
                return 1;
            }

            @Override
            public int classifierDatasetLimit() {
                return 0;
            }

            @Override
            public int scoreMinimumSteps() {
                return 1;
            }

            @Override
            public int scoreMinimumEpochs() {
                return 1;
            }
        };
    }

    @Test
    void aSplitIsAskedForOnceAndKept() {
        int[] labels = {1, 2, 3};
        byte[] pixels = new byte[3 * 784];
        Arrays.fill(pixels, (byte) 7);
        service.answer(
                "/datasets/fashion-mnist/held-out",
                200,
                ImageBatchCodec.encode(new ImageBatch("fashion-mnist", 0, 0, 1, 1, 28, 28, labels, pixels)));
        HeldOutSplits splits = new HeldOutSplits(new DatasetServiceClient(at(service.url() + "/")));
        assertEquals(3, splits.of("fashion-mnist").orElseThrow().size());
        assertEquals(3, splits.of("fashion-mnist").orElseThrow().size());
        assertEquals(1, service.requests(), "asked once");
    }

    @Test
    void aDataSetWithoutOneIsEmptyAndANameThatIsNoIdIsNeverSent() {
        HeldOutSplits splits = new HeldOutSplits(new DatasetServiceClient(at(service.url())));
        assertTrue(splits.of("my-pets").isEmpty(), "404: no held-out split");
        assertTrue(splits.of("../../q/health").isEmpty());
        assertTrue(splits.of("a?b=c").isEmpty());
        assertEquals(1, service.requests(), "only my-pets was asked for");
    }

    @Test
    void aFailingGarbledOrAbsentServiceIsUnavailableNamingWhy() throws Exception {
        service.answer("/datasets/fashion-mnist/held-out", 503, "store away".getBytes());
        service.answer("/datasets/cifar-10/held-out", 200, "not a batch at all".getBytes());
        HeldOutSplits splits = new HeldOutSplits(new DatasetServiceClient(at(service.url())));
        DatasetServiceClient.UnavailableException failing =
                assertThrows(DatasetServiceClient.UnavailableException.class, () -> splits.of("fashion-mnist"));
        assertTrue(failing.getMessage().contains("503") && failing.getMessage().contains("store away"));
        DatasetServiceClient.UnavailableException garbled =
                assertThrows(DatasetServiceClient.UnavailableException.class, () -> splits.of("cifar-10"));
        assertTrue(garbled.getMessage().contains("garbled"), garbled.getMessage());

        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        HeldOutSplits nobody = new HeldOutSplits(new DatasetServiceClient(at("http://127.0.0.1:" + closedPort)));
        DatasetServiceClient.UnavailableException absent =
                assertThrows(DatasetServiceClient.UnavailableException.class, () -> nobody.of("fashion-mnist"));
        assertTrue(absent.getMessage().contains("did not answer"), absent.getMessage());
    }
}

package io.ganflow.trainer.feed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchWindowsTest {

    private static final RunSpec SPEC = new RunSpec(
            "run-1", RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 2, 16, 2e-4, 0.5, 0.999, 100, 10, 1, 3L, 0);

    private static ImageBatch batch(int epoch, int index, int batchesInEpoch) {
        return new ImageBatch("run-1", epoch, index, batchesInEpoch, 1, 28, 28, new int[1], new byte[28 * 28]);
    }

    /** Every request made while training the whole run in order, as "epoch:first+count". */
    private static List<String> requestsOverRun(BatchWindows windows, int batchesInEpoch) {
        List<String> requests = new ArrayList<>();
        requests.add(describe(windows.holding(SPEC, 0, 0)));
        for (int epoch = 0; epoch < SPEC.epochs(); epoch++) {
            for (int index = 0; index < batchesInEpoch; index++) {
                windows.nextAfter(SPEC, batch(epoch, index, batchesInEpoch)).ifPresent(r -> requests.add(describe(r)));
            }
        }
        return requests;
    }

    private static String describe(EpochRequest request) {
        return request.epoch() + ":" + request.firstBatch() + "+" + request.batchCount();
    }

    @Test
    void asksForEachWindowOnceAndAheadOfNeed() {
        assertEquals(
                List.of("0:0+8", "0:8+8", "0:16+8", "1:0+8", "1:8+8", "1:16+8"),
                requestsOverRun(new BatchWindows(8), 20));
    }

    @Test
    void aShortLastWindowStillAsksForTheNextEpoch() {
        // 17 batches in windows of 8: the last window is the single batch 16
        assertEquals(
                List.of("0:0+8", "0:8+8", "0:16+8", "1:0+8", "1:8+8", "1:16+8"),
                requestsOverRun(new BatchWindows(8), 17));
    }

    @Test
    void anEpochSmallerThanAWindowIsOneRequest() {
        assertEquals(List.of("0:0+32", "1:0+32"), requestsOverRun(new BatchWindows(32), 3));
    }

    @Test
    void theLastEpochAsksForNothingMore() {
        assertEquals(Optional.empty(), new BatchWindows(8).nextAfter(SPEC, batch(1, 20, 24)));
    }

    @Test
    void aResumedRunAsksForTheWindowHoldingItsNextBatch() {
        EpochRequest request = new BatchWindows(8).holding(SPEC, 1, 13);
        assertEquals("1:8+8", describe(request));
        assertEquals(16, request.lastBatchExclusive(20));
        assertEquals(10, request.lastBatchExclusive(10));
    }

    @Test
    void refusesAnEmptyWindow() {
        assertThrows(IllegalArgumentException.class, () -> new BatchWindows(0));
    }
}

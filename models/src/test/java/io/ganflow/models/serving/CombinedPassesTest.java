package io.ganflow.models.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Micro-batching on a stand-in pass whose "image" is its latent value plus its label, two bytes per image. */
class CombinedPassesTest {

    private static final int LATENT = 1;
    private static final int IMAGE_BYTES = 2;

    private final List<Integer> passSizes = new ArrayList<>();
    private final CountDownLatch firstPassMayFinish = new CountDownLatch(1);
    private final CountDownLatch firstPassRunning = new CountDownLatch(1);
    private final ExecutorService callers = Executors.newFixedThreadPool(8);
    private final ExecutorService passRunner = Executors.newSingleThreadExecutor();

    @AfterEach
    void stopThreads() {
        callers.shutdownNow();
        passRunner.shutdownNow();
    }

    private byte[] fakePass(float[] noise, long[] labels) {
        synchronized (passSizes) {
            passSizes.add(labels.length);
        }
        if (passSizes.size() == 1) {
            firstPassRunning.countDown();
            await(firstPassMayFinish);
        }
        byte[] pixels = new byte[labels.length * IMAGE_BYTES];
        for (int i = 0; i < labels.length; i++) {
            pixels[i * IMAGE_BYTES] = (byte) noise[i];
            pixels[i * IMAGE_BYTES + 1] = (byte) labels[i];
        }
        return pixels;
    }

    @Test
    void requestsQueuedDuringAPassShareTheNextPassesAndEachGetsItsOwnImages() throws Exception {
        CombinedPasses passes = new CombinedPasses(32, LATENT, IMAGE_BYTES, this::fakePass, passRunner);
        Future<byte[]> first = callers.submit(() -> passes.generate(labels(1, 4), noise(100, 4)));
        firstPassRunning.await(10, TimeUnit.SECONDS);
        List<Future<byte[]>> queued = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            int request = r;
            queued.add(callers.submit(() -> passes.generate(labels(request, 10), noise(request * 10, 10))));
        }
        Thread.sleep(300); // all five are queued behind the first pass
        firstPassMayFinish.countDown();

        assertArrayEquals(expectedImages(1, 100, 4), first.get(10, TimeUnit.SECONDS));
        for (int r = 0; r < 5; r++) {
            assertArrayEquals(expectedImages(r, r * 10, 10), queued.get(r).get(10, TimeUnit.SECONDS), "request " + r);
        }
        // 50 queued images in passes of at most 32, not five passes of 10
        assertEquals(List.of(4, 32, 18), passSizes);
    }

    @Test
    void aRequestLargerThanOnePassIsSpreadOverSeveral() {
        firstPassMayFinish.countDown();
        CombinedPasses passes = new CombinedPasses(32, LATENT, IMAGE_BYTES, this::fakePass, passRunner);

        assertArrayEquals(expectedImages(7, 0, 70), passes.generate(labels(7, 70), noise(0, 70)));
        assertEquals(List.of(32, 32, 6), passSizes);
    }

    @Test
    void aFailedPassFailsItsRequestsOnlyAndTheNextRequestsAreServed() {
        IllegalStateException broken = new IllegalStateException("non-finite values");
        int[] calls = {0};
        CombinedPasses passes = new CombinedPasses(
                8,
                LATENT,
                IMAGE_BYTES,
                (noise, labels) -> {
                    if (calls[0]++ == 0) {
                        throw broken;
                    }
                    return new byte[labels.length * IMAGE_BYTES];
                },
                passRunner);

        assertSame(
                broken, assertThrows(IllegalStateException.class, () -> passes.generate(labels(1, 20), noise(0, 20))));
        assertEquals(1, calls[0], "the failed request's remaining images are not generated");
        assertEquals(6, passes.generate(labels(2, 3), noise(0, 3)).length);
        assertTrue(passes.generate(new long[0], new float[0]).length == 0);
    }

    @Test
    void anErrorInAPassReachesItsCallersInsteadOfLeavingThemWaiting() {
        CombinedPasses passes = new CombinedPasses(
                8,
                LATENT,
                IMAGE_BYTES,
                (noise, labels) -> {
                    throw new OutOfMemoryError("native memory");
                },
                passRunner);

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> passes.generate(labels(1, 4), noise(0, 4)));
        assertTrue(failure.getMessage().contains("native memory"), failure.getMessage());
    }

    private static long[] labels(int label, int count) {
        long[] labels = new long[count];
        java.util.Arrays.fill(labels, label);
        return labels;
    }

    private static float[] noise(int first, int count) {
        float[] noise = new float[count * LATENT];
        for (int i = 0; i < count; i++) {
            noise[i] = first + i;
        }
        return noise;
    }

    private static byte[] expectedImages(int label, int firstNoise, int count) {
        byte[] pixels = new byte[count * IMAGE_BYTES];
        for (int i = 0; i < count; i++) {
            pixels[i * IMAGE_BYTES] = (byte) (firstNoise + i);
            pixels[i * IMAGE_BYTES + 1] = (byte) label;
        }
        return pixels;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

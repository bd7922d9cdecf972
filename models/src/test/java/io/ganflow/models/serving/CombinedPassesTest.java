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
        CombinedPasses passes = new CombinedPasses(32, LATENT, IMAGE_BYTES, this::fakePass, passRunner, 1000);
        Future<byte[]> first = callers.submit(() -> passes.generate(labels(1, 4), noise(100, 4), () -> true));
        firstPassRunning.await(10, TimeUnit.SECONDS);
        List<Future<byte[]>> queued = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            int request = r;
            queued.add(callers.submit(() -> passes.generate(labels(request, 10), noise(request * 10, 10), () -> true)));
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
        CombinedPasses passes = new CombinedPasses(32, LATENT, IMAGE_BYTES, this::fakePass, passRunner, 1000);

        assertArrayEquals(expectedImages(7, 0, 70), passes.generate(labels(7, 70), noise(0, 70), () -> true));
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
                passRunner,
                1000);

        assertSame(
                broken,
                assertThrows(
                        IllegalStateException.class, () -> passes.generate(labels(1, 20), noise(0, 20), () -> true)));
        assertEquals(1, calls[0], "the failed request's remaining images are not generated");
        assertEquals(6, passes.generate(labels(2, 3), noise(0, 3), () -> true).length);
        assertTrue(passes.generate(new long[0], new float[0], () -> true).length == 0);
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
                passRunner,
                1000);

        IllegalStateException failure =
                assertThrows(IllegalStateException.class, () -> passes.generate(labels(1, 4), noise(0, 4), () -> true));
        assertTrue(failure.getMessage().contains("native memory"), failure.getMessage());
    }

    @Test
    void aFullQueueRefusesAtOnceAndTakesWorkAgainOnceItHasDrained() throws Exception {
        CombinedPasses passes = new CombinedPasses(8, LATENT, IMAGE_BYTES, this::fakePass, passRunner, 20);
        Future<byte[]> first = callers.submit(() -> passes.generate(labels(1, 4), noise(0, 4), () -> true));
        firstPassRunning.await(10, TimeUnit.SECONDS);
        Future<byte[]> queued = callers.submit(() -> passes.generate(labels(2, 16), noise(0, 16), () -> true));
        Thread.sleep(300);
        GenerationBusyException busy = assertThrows(
                GenerationBusyException.class, () -> passes.generate(labels(3, 8), noise(0, 8), () -> true));
        assertTrue(busy.getMessage().contains("20 images queued"), busy.getMessage());
        firstPassMayFinish.countDown();
        first.get(10, TimeUnit.SECONDS);
        queued.get(10, TimeUnit.SECONDS);
        assertEquals(16, passes.generate(labels(3, 8), noise(0, 8), () -> true).length, "accepted once drained");
    }

    @Test
    void aRequestWhoseCallerHasGoneIsDroppedBeforeItsPass() throws Exception {
        CombinedPasses passes = new CombinedPasses(8, LATENT, IMAGE_BYTES, this::fakePass, passRunner, 1000);
        Future<byte[]> first = callers.submit(() -> passes.generate(labels(1, 4), noise(0, 4), () -> true));
        firstPassRunning.await(10, TimeUnit.SECONDS);
        java.util.concurrent.atomic.AtomicBoolean waiting = new java.util.concurrent.atomic.AtomicBoolean(true);
        Future<byte[]> abandoned = callers.submit(() -> passes.generate(labels(2, 30), noise(0, 30), waiting::get));
        Future<byte[]> kept = callers.submit(() -> passes.generate(labels(3, 5), noise(0, 5), () -> true));
        Thread.sleep(300);
        waiting.set(false); // the client hung up while its images were queued
        firstPassMayFinish.countDown();

        first.get(10, TimeUnit.SECONDS);
        assertArrayEquals(expectedImages(3, 0, 5), kept.get(10, TimeUnit.SECONDS));
        java.util.concurrent.ExecutionException gone =
                assertThrows(java.util.concurrent.ExecutionException.class, () -> abandoned.get(10, TimeUnit.SECONDS));
        assertTrue(gone.getCause() instanceof java.util.concurrent.CancellationException, gone.toString());
        assertEquals(List.of(4, 5), passSizes, "none of the abandoned images was generated");
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

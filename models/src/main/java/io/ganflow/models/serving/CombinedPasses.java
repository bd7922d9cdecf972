package io.ganflow.models.serving;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Micro-batching: concurrent requests to one generator queue up, and each forward pass takes everything queued,
 * oldest first, up to {@code imagesPerPass} images (a large request is spread over several passes). A pass of the
 * cGAN's 128 images costs about what 25 passes of one image cost (bench GenerationThroughput: ~92 and ~3.8 ms), so
 * throughput grows with load. Passes run on the given
 * executor, one pass per task, so that generators sharing it take turns. The queue is bounded: past
 * {@code maxQueuedImages} a request is refused at once ({@link GenerationBusyException}) rather than waiting behind
 * work no one will see; and a request whose caller has gone (its {@code wanted} says no) is dropped before its next
 * pass.
 */
final class CombinedPasses {

    /** One forward pass: pixels of {@code labels.length} images, from their latent vectors (row-major). */
    interface Pass {
        byte[] run(float[] noise, long[] labels);
    }

    private final int imagesPerPass;
    private final int latentSize;
    private final int imageBytes;
    private final Pass pass;
    private final Executor passRunner;
    private final int maxQueuedImages;
    private final ConcurrentLinkedQueue<Request> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queuedImages = new AtomicInteger();

    CombinedPasses(
            int imagesPerPass, int latentSize, int imageBytes, Pass pass, Executor passRunner, int maxQueuedImages) {
        this.imagesPerPass = imagesPerPass;
        this.latentSize = latentSize;
        this.imageBytes = imageBytes;
        this.pass = pass;
        this.passRunner = passRunner;
        this.maxQueuedImages = maxQueuedImages;
    }

    /**
     * Pixels of one image per label; blocks until its passes have run; rethrows the failure of any of them. Throws
     * {@link GenerationBusyException} when the queue is full, and {@link java.util.concurrent.CancellationException}
     * when {@code wanted} said no before all its images were made.
     */
    byte[] generate(long[] labels, float[] noise, BooleanSupplier wanted) {
        Request request = new Request(labels, noise, imageBytes, wanted);
        if (labels.length == 0) {
            return request.pixels;
        }
        // a request larger than the bound still runs when nothing else waits
        int before = queuedImages.getAndAdd(labels.length);
        if (before > 0 && before + labels.length > maxQueuedImages) {
            queuedImages.addAndGet(-labels.length);
            throw new GenerationBusyException(maxQueuedImages);
        }
        queue.add(request);
        passRunner.execute(this::runQueuedPass);
        try {
            return request.done.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** One pass if anything is queued; another task for the rest, behind other generators' tasks. */
    private synchronized void runQueuedPass() {
        if (queue.isEmpty()) {
            return;
        }
        runOnePass();
        if (!queue.isEmpty()) {
            passRunner.execute(this::runQueuedPass);
        }
    }

    private void runOnePass() {
        dropUnwanted();
        List<Slice> slices = new ArrayList<>();
        int images = 0;
        for (Request request : queue) {
            int take = Math.min(request.size() - request.scheduled, imagesPerPass - images);
            slices.add(new Slice(request, request.scheduled, take));
            request.scheduled += take;
            queuedImages.addAndGet(-take);
            images += take;
            if (images == imagesPerPass) {
                break;
            }
        }
        queue.removeIf(request -> request.scheduled == request.size());
        if (slices.isEmpty()) {
            return;
        }
        float[] noise = new float[images * latentSize];
        long[] labels = new long[images];
        int at = 0;
        for (Slice slice : slices) {
            System.arraycopy(
                    slice.request.noise, slice.from * latentSize, noise, at * latentSize, slice.count * latentSize);
            System.arraycopy(slice.request.labels, slice.from, labels, at, slice.count);
            at += slice.count;
        }
        try {
            byte[] pixels = pass.run(noise, labels);
            at = 0;
            for (Slice slice : slices) {
                slice.request.complete(pixels, at, slice.from, slice.count);
                at += slice.count;
            }
        } catch (RuntimeException | Error e) {
            // every caller of the pass hears of the failure; none waits for ever
            RuntimeException failure = e instanceof RuntimeException runtime
                    ? runtime
                    : new IllegalStateException("generation failed: " + e, e);
            for (Slice slice : slices) {
                slice.request.fail(failure);
                if (queue.remove(slice.request)) { // its images still waiting for later passes are not computed
                    queuedImages.addAndGet(-(slice.request.size() - slice.request.scheduled));
                }
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    /** Requests whose callers have gone are failed and leave the queue before their next pass. */
    private void dropUnwanted() {
        for (Request request : queue) {
            if (!request.wanted.getAsBoolean() && queue.remove(request)) {
                queuedImages.addAndGet(-(request.size() - request.scheduled));
                request.fail(new CancellationException("the caller no longer waits for these images"));
            }
        }
    }

    private record Slice(Request request, int from, int count) {}

    /** A caller's images; its counters change only in passes, one at a time. */
    private static final class Request {
        final long[] labels;
        final float[] noise;
        final byte[] pixels;
        final int imageBytes;
        final BooleanSupplier wanted;
        final CompletableFuture<byte[]> done = new CompletableFuture<>();
        int scheduled;
        int completed;

        Request(long[] labels, float[] noise, int imageBytes, BooleanSupplier wanted) {
            this.labels = labels;
            this.noise = noise;
            this.imageBytes = imageBytes;
            this.wanted = wanted;
            this.pixels = new byte[labels.length * imageBytes];
        }

        int size() {
            return labels.length;
        }

        void complete(byte[] passPixels, int passOffset, int from, int count) {
            System.arraycopy(passPixels, passOffset * imageBytes, pixels, from * imageBytes, count * imageBytes);
            completed += count;
            if (completed == size()) {
                done.complete(pixels);
            }
        }

        void fail(RuntimeException e) {
            done.completeExceptionally(e);
        }
    }
}

package io.ganflow.dataset.epoch;

import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.events.ImageBatch;
import java.util.SplittableRandom;

/**
 * One epoch of a run: the images in a deterministic order fixed by (seed, epoch), cut into batches. An incomplete
 * last batch is dropped (as PyTorch's drop_last), since batch norm on a handful of images is noise; when the data
 * set is smaller than one batch, the epoch is that one smaller batch.
 */
public final class EpochPlan {

    private final LabelledImages data;
    private final String runId;
    private final int epoch;
    private final int batchSize;
    private final int[] order;

    /** @param limit use only the first {@code limit} images (0: all) */
    public EpochPlan(LabelledImages data, String runId, int epoch, int batchSize, long seed, int limit) {
        this.data = data;
        this.runId = runId;
        this.epoch = epoch;
        int size = limit > 0 ? Math.min(limit, data.count()) : data.count();
        this.batchSize = Math.min(batchSize, size);
        this.order =
                shuffled(size, new SplittableRandom(seed).split().nextLong() ^ (0x9E3779B97F4A7C15L * (epoch + 1)));
    }

    public int batches() {
        return order.length / batchSize;
    }

    public int[] order() {
        return order.clone();
    }

    public ImageBatch batch(int index) {
        int imageBytes = data.imageBytes();
        byte[] pixels = new byte[batchSize * imageBytes];
        int[] labels = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int image = order[index * batchSize + i];
            System.arraycopy(data.pixels(), image * imageBytes, pixels, i * imageBytes, imageBytes);
            labels[i] = data.labels()[image];
        }
        return new ImageBatch(
                runId, epoch, index, batches(), data.channels(), data.height(), data.width(), labels, pixels);
    }

    /** Fisher-Yates with a seeded generator: the same seed always gives the same order. */
    private static int[] shuffled(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}

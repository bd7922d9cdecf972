package io.ganflow.testing;

import io.ganflow.events.ImageBatch;
import java.util.Random;

/**
 * Labelled images that a classifier learns in a few dozen steps: each class is a bright patch at a place of its own
 * (the same in every channel), far enough from the others that a shift of a pixel or two cannot confuse them. Drawn
 * from {@code index}.
 */
public final class ClassPatches {

    private ClassPatches() {}

    /** 28x28x1 images of 10 classes. */
    public static ImageBatch batch(String runId, int index, int count, int batchesInEpoch) {
        return batch(runId, index, count, batchesInEpoch, 10, 1, 28);
    }

    /** {@code side x side x channels} images (side 28 or more) of {@code classes} classes (at most 10). */
    public static ImageBatch batch(
            String runId, int index, int count, int batchesInEpoch, int classes, int channels, int side) {
        Random random = new Random(index);
        int[] labels = random.ints(count, 0, classes).toArray();
        int plane = side * side;
        byte[] pixels = new byte[count * channels * plane];
        for (int i = 0; i < count; i++) {
            int top = 4 + 12 * (labels[i] / 5);
            int left = 1 + 5 * (labels[i] % 5);
            for (int y = top; y < top + 6; y++) {
                for (int x = left; x < left + 4; x++) {
                    byte bright = (byte) (180 + random.nextInt(60));
                    for (int c = 0; c < channels; c++) {
                        pixels[(i * channels + c) * plane + y * side + x] = bright;
                    }
                }
            }
        }
        return new ImageBatch(runId, 0, index, batchesInEpoch, channels, side, side, labels, pixels);
    }
}

package io.ganflow.testing;

import io.ganflow.events.ImageBatch;
import java.util.Random;

/**
 * Labelled 28x28x1 images that a classifier learns in a few dozen steps: each class is a bright patch at a place of
 * its own, far enough from the others that a shift of a pixel or two cannot confuse them. Drawn from {@code index}.
 */
public final class ClassPatches {

    private ClassPatches() {}

    public static ImageBatch batch(String runId, int index, int count, int batchesInEpoch) {
        Random random = new Random(index);
        int[] labels = random.ints(count, 0, 10).toArray();
        byte[] pixels = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            int top = 4 + 12 * (labels[i] / 5);
            int left = 1 + 5 * (labels[i] % 5);
            for (int y = top; y < top + 6; y++) {
                for (int x = left; x < left + 4; x++) {
                    pixels[i * 784 + y * 28 + x] = (byte) (180 + random.nextInt(60));
                }
            }
        }
        return new ImageBatch(runId, 0, index, batchesInEpoch, 1, 28, 28, labels, pixels);
    }
}

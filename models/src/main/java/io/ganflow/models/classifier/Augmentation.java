package io.ganflow.models.classifier;

import java.util.Random;

/**
 * Light augmentation for training the reference classifier: each image shifted by up to one pixel in each
 * direction, the uncovered border filled with black. Drawn from a seed, so a step is reproducible.
 */
final class Augmentation {

    static final int MAX_SHIFT = 1;

    private Augmentation() {}

    /** {@code count} CHW uint8 images of {@code channels x side x side}, each shifted at random. */
    static byte[] shifted(byte[] pixels, int count, int channels, int side, long seed) {
        Random random = new Random(seed);
        byte[] out = new byte[pixels.length];
        int plane = side * side;
        for (int image = 0; image < count; image++) {
            int dx = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
            int dy = random.nextInt(2 * MAX_SHIFT + 1) - MAX_SHIFT;
            for (int channel = 0; channel < channels; channel++) {
                int base = (image * channels + channel) * plane;
                for (int y = 0; y < side; y++) {
                    int fromY = y - dy;
                    if (fromY < 0 || fromY >= side) {
                        continue;
                    }
                    int fromX = Math.max(0, -dx);
                    int toX = Math.max(0, dx);
                    int length = side - Math.abs(dx);
                    System.arraycopy(pixels, base + fromY * side + fromX, out, base + y * side + toX, length);
                }
            }
        }
        return out;
    }
}

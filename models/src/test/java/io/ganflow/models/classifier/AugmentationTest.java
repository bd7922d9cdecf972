package io.ganflow.models.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void shiftsEachImageWholeByAtMostOnePixelAndIsReproducible() {
        int side = 6;
        byte[] image = new byte[side * side];
        image[2 * side + 3] = 100; // one lit pixel at (x 3, y 2)
        byte[] two = new byte[2 * image.length];
        System.arraycopy(image, 0, two, 0, image.length);
        System.arraycopy(image, 0, two, image.length, image.length);
        byte[] shifted = Augmentation.shifted(two, 2, 1, side, 9L);
        assertArrayEquals(shifted, Augmentation.shifted(two, 2, 1, side, 9L), "same seed, same shift");
        for (int i = 0; i < 2; i++) {
            int lit = -1;
            for (int p = 0; p < image.length; p++) {
                if (shifted[i * image.length + p] != 0) {
                    assertEquals(-1, lit, "one pixel stays lit");
                    lit = p;
                }
            }
            int dx = lit % side - 3;
            int dy = lit / side - 2;
            assertEquals(true, Math.abs(dx) <= 1 && Math.abs(dy) <= 1, "shift " + dx + "," + dy);
        }
    }
}

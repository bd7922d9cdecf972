package io.ganflow.dataset.epoch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.LabelledImages;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClassSampleTest {

    /** 3 classes, 10 one-pixel images each; image i's pixel is i, so an image is known by its pixel. */
    private static LabelledImages thirty() {
        byte[] pixels = new byte[30];
        int[] labels = new int[30];
        for (int i = 0; i < 30; i++) {
            pixels[i] = (byte) i;
            labels[i] = i % 3;
        }
        return new LabelledImages("thirty", 3, 1, 1, 1, pixels, labels);
    }

    @Test
    void drawsExactlyTheAskedNumberOfEachClassWithoutRepeatsAndTheSameForTheSameSeed() {
        LabelledImages sample = ClassSample.draw(thirty(), new int[] {4, 0, 10}, 7);

        assertEquals(14, sample.count());
        Set<Byte> seen = new HashSet<>();
        for (int i = 0; i < sample.count(); i++) {
            int original = sample.pixels()[i];
            assertEquals(original % 3, sample.labels()[i], "image " + original + " keeps its class");
            assertTrue(seen.add(sample.pixels()[i]), "image " + original + " drawn twice");
        }
        assertEquals(
                4,
                java.util.Arrays.stream(sample.labels())
                        .filter(label -> label == 0)
                        .count());
        assertEquals(
                10,
                java.util.Arrays.stream(sample.labels())
                        .filter(label -> label == 2)
                        .count());
        assertArrayEquals(
                sample.pixels(),
                ClassSample.draw(thirty(), new int[] {4, 0, 10}, 7).pixels());
        assertFalse(java.util.Arrays.equals(
                sample.pixels(),
                ClassSample.draw(thirty(), new int[] {4, 0, 10}, 8).pixels()));
    }

    @Test
    void moreImagesThanAClassHasOrCountsForClassesItLacksAreAProblem() {
        assertEquals(
                "class 1 has 10 images, 11 were asked for",
                ClassSample.problem(thirty(), new int[] {1, 11}).orElseThrow());
        assertTrue(ClassSample.problem(thirty(), new int[] {1, 1, 1, 1}).isPresent());
        assertTrue(ClassSample.problem(thirty(), new int[] {}).isPresent());
        assertTrue(ClassSample.problem(thirty(), new int[] {-1}).isPresent());
        assertTrue(ClassSample.problem(thirty(), new int[] {0, 0}).isPresent());
        assertThrows(IllegalArgumentException.class, () -> ClassSample.draw(thirty(), new int[] {1, 11}, 1));
    }
}

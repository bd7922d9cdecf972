package io.ganflow.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The metric's defining cases on Gaussian clouds in 16 dimensions (the real-data cases, with the reference
 * classifier's features, are in the evaluator's tests): a set against itself and two samples of one distribution
 * score near 1 both ways; a collapsed set keeps precision and loses recall; a set covering only half the real
 * variety has full precision and half the recall; a distant set scores 0 both ways.
 */
class ManifoldPrecisionRecallTest {

    private static double[][] gaussian(int count, double shift, long seed) {
        Random random = new Random(seed);
        double[][] points = new double[count][16];
        for (double[] point : points) {
            for (int d = 0; d < point.length; d++) {
                point[d] = random.nextGaussian() + shift;
            }
        }
        return points;
    }

    @Test
    void twoSamplesOfOneDistributionScoreNearOneBothWays() {
        double[][] real = gaussian(1000, 0, 1);
        ManifoldPrecisionRecall itself = ManifoldPrecisionRecall.of(real, real, 3);
        assertEquals(1.0, itself.precision());
        assertEquals(1.0, itself.recall());
        ManifoldPrecisionRecall twin = ManifoldPrecisionRecall.of(real, gaussian(1000, 0, 2), 3);
        assertTrue(twin.precision() > 0.6 && twin.recall() > 0.6, twin.toString());
    }

    @Test
    void aCollapsedSetKeepsItsPrecisionAndLosesItsRecall() {
        double[][] real = gaussian(1000, 0, 3);
        double[][] collapsed = new double[1000][];
        for (int i = 0; i < collapsed.length; i++) {
            collapsed[i] = real[i % 4].clone(); // four real images, repeated
        }
        ManifoldPrecisionRecall scores = ManifoldPrecisionRecall.of(real, collapsed, 3);
        assertEquals(1.0, scores.precision(), "every image is a real one");
        assertTrue(scores.recall() < 0.01, "almost nothing of the real variety: " + scores);
    }

    @Test
    void halfTheVarietyIsHalfTheRecallAndADistantSetIsNothing() {
        // real images of two kinds far apart; the generated ones, real too, all of one kind
        double[][] kindA = gaussian(500, 0, 4);
        double[][] real = new double[1000][];
        System.arraycopy(kindA, 0, real, 0, 500);
        System.arraycopy(gaussian(500, 10, 7), 0, real, 500, 500);
        ManifoldPrecisionRecall partial = ManifoldPrecisionRecall.of(real, kindA, 3);
        assertEquals(1.0, partial.precision());
        assertEquals(0.5, partial.recall(), 0.02);

        ManifoldPrecisionRecall distant = ManifoldPrecisionRecall.of(real, gaussian(1000, 20, 5), 3);
        assertEquals(0.0, distant.precision());
        assertEquals(0.0, distant.recall());
        assertThrows(IllegalArgumentException.class, () -> ManifoldPrecisionRecall.of(real, gaussian(3, 0, 6), 3));
    }
}

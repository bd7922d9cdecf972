package io.ganflow.models.quality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.ImageBatch;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.testing.ClassPatches;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The score on images whose usefulness is known: class patches (easy to learn) as they are, and under random labels.
 * Minutes of training: tagged slow, so it runs in {@code ./gan test} but not in its fast tier.
 */
@Tag("slow")
class AccuracyScoreTest {

    private static final ClassifierShape SHAPE = new ClassifierShape(1, 28, 10);
    private static final int STEPS = 30;

    private static AccuracyScore.Images patches(int seed, int count) {
        ImageBatch batch = ClassPatches.batch("patches", seed, count, seed + 1);
        return new AccuracyScore.Images(batch.pixels(), batch.labels());
    }

    @Test
    void syntheticImagesAsGoodAsRealOnesScoreAsTheRealOnesDo() {
        AccuracyScore score =
                AccuracyScore.measure(SHAPE, patches(1, 256), patches(2, 256), patches(3, 300), 1, STEPS, 7);

        System.out.printf(
                "accuracy score: synthetic %.3f, real %.3f after %d epochs%n",
                score.synthetic().overall(), score.real().overall(), score.epochs());
        assertTrue(
                score.real().overall() > 0.9,
                "real patches are easy: " + score.real().overall());
        assertTrue(
                score.synthetic().overall() > 0.9,
                "so are these: " + score.synthetic().overall());
        assertEquals(256, score.images());
        assertEquals(15, score.epochs(), "2 batches an epoch, 30 steps at least");
    }

    @Test
    void syntheticImagesThatDoNotShowTheirLabelsScoreAboutOneInTen() {
        AccuracyScore.Images shown = patches(1, 256);
        int[] random = new Random(5).ints(256, 0, 10).toArray();
        AccuracyScore.Images mislabelled = new AccuracyScore.Images(shown.pixels(), random);

        AccuracyScore score = AccuracyScore.measure(SHAPE, mislabelled, patches(2, 256), patches(3, 300), 1, STEPS, 7);

        assertTrue(
                score.synthetic().overall() < 0.3,
                "labels the images do not show: " + score.synthetic().overall());
        assertTrue(
                score.real().overall() > 0.9,
                "the real side is unchanged: " + score.real().overall());
    }

    @Test
    void asManyRealImagesAsSyntheticOnesOrNoScore() {
        assertThrows(
                IllegalArgumentException.class,
                () -> AccuracyScore.measure(SHAPE, patches(1, 128), patches(2, 256), patches(3, 100), 1, STEPS, 7));
    }
}

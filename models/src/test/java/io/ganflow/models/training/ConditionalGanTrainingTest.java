package io.ganflow.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.models.image.SampleGrid;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConditionalGanTrainingTest {

    private static final RunSpec SPEC = new RunSpec(
            "test-run", RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 10, 1, 7L, 0);

    /** Synthetic 28x28 images whose brightness depends on the class, so D has something to learn. */
    private static ImageBatch batch(int index) {
        Random random = new Random(index);
        int[] labels = random.ints(16, 0, 10).toArray();
        byte[] pixels = new byte[16 * 28 * 28];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (labels[i / 784] * 25 + random.nextInt(5));
        }
        return new ImageBatch("test-run", 0, index, 100, 1, 28, 28, labels, pixels);
    }

    @Test
    void stepsGiveFiniteLossesAndChangeTheGenerator() {
        try (ConditionalGanTraining training = ConditionalGanTraining.start(SPEC)) {
            byte[] before = training.generate(SampleGrid.labels(10, 2), 1L);
            for (int step = 0; step < 3; step++) {
                StepResult result = training.step(batch(step), step);
                assertTrue(Double.isFinite(result.lossD()) && Double.isFinite(result.lossG()), result.toString());
                assertTrue(result.dReal() > 0 && result.dReal() < 1, result.toString());
                assertTrue(result.dFake() > 0 && result.dFake() < 1, result.toString());
            }
            byte[] after = training.generate(SampleGrid.labels(10, 2), 1L);
            assertEquals(20 * 28 * 28, after.length);
            assertFalse(java.util.Arrays.equals(before, after), "training did not change the generator");
        }
    }

    @Test
    void resumingFromASnapshotContinuesExactlyAsIfNothingHappened() {
        StepResult uninterrupted;
        byte[] uninterruptedImages;
        TrainingSnapshot snapshot;
        try (ConditionalGanTraining training = ConditionalGanTraining.start(SPEC)) {
            training.step(batch(0), 0);
            training.step(batch(1), 1);
            snapshot = training.snapshot();
            uninterrupted = training.step(batch(2), 2);
            uninterruptedImages = training.generate(SampleGrid.labels(10, 1), 5L);
        }
        try (ConditionalGanTraining resumed = ConditionalGanTraining.resume(SPEC, snapshot)) {
            assertEquals(uninterrupted, resumed.step(batch(2), 2));
            assertArrayEquals(uninterruptedImages, resumed.generate(SampleGrid.labels(10, 1), 5L));
        }
    }

    @Test
    void theSameSeedGivesTheSameImages() {
        try (ConditionalGanTraining training = ConditionalGanTraining.start(SPEC)) {
            assertArrayEquals(
                    training.generate(SampleGrid.ofClass(3, 4), 11L), training.generate(SampleGrid.ofClass(3, 4), 11L));
            assertFalse(java.util.Arrays.equals(
                    training.generate(SampleGrid.ofClass(3, 4), 11L),
                    training.generate(SampleGrid.ofClass(3, 4), 12L)));
        }
    }
}

package io.ganflow.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Catalog;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.models.image.SampleGrid;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The training step of every model family, on small synthetic batches of the family's image shape. */
class GanTrainingTest {

    private static RunSpec spec(String modelName) {
        Catalog.Model model = Catalog.model(modelName).orElseThrow();
        return new RunSpec(
                "test-run",
                modelName,
                model.defaultDataset(),
                1,
                8,
                2e-4,
                0.5,
                0.999,
                model.defaultLatentSize(),
                10,
                1,
                7L,
                0);
    }

    /** Synthetic images whose brightness depends on the class, so D has something to learn. */
    private static ImageBatch batch(Catalog.Model model, int index) {
        Random random = new Random(index);
        int[] labels = random.ints(8, 0, 10).toArray();
        int imageBytes = model.channels() * model.side() * model.side();
        byte[] pixels = new byte[8 * imageBytes];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (labels[i / imageBytes] * 25 + random.nextInt(5));
        }
        return new ImageBatch("test-run", 0, index, 100, model.channels(), model.side(), model.side(), labels, pixels);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgan-fashion-mnist", "dcgan-cifar10", "cdcgan-cifar10"})
    void stepsGiveFiniteLossesAndChangeTheGenerator(String modelName) {
        Catalog.Model model = Catalog.model(modelName).orElseThrow();
        try (GanTraining training = GanTraining.start(spec(modelName))) {
            byte[] before = training.generate(SampleGrid.labels(10, 2), 1L);
            for (int step = 0; step < 3; step++) {
                StepResult result = training.step(batch(model, step), step);
                assertTrue(Double.isFinite(result.lossD()) && Double.isFinite(result.lossG()), result.toString());
                assertTrue(result.dReal() > 0 && result.dReal() < 1, result.toString());
                assertTrue(result.dFake() > 0 && result.dFake() < 1, result.toString());
            }
            byte[] after = training.generate(SampleGrid.labels(10, 2), 1L);
            assertEquals(20 * model.channels() * model.side() * model.side(), after.length);
            assertFalse(Arrays.equals(before, after), "training did not change the generator");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cgan-fashion-mnist", "dcgan-cifar10", "cdcgan-cifar10"})
    void resumingFromASnapshotContinuesExactlyAsIfNothingHappened(String modelName) {
        Catalog.Model model = Catalog.model(modelName).orElseThrow();
        RunSpec spec = spec(modelName);
        StepResult uninterrupted;
        byte[] uninterruptedImages;
        TrainingSnapshot snapshot;
        try (GanTraining training = GanTraining.start(spec)) {
            training.step(batch(model, 0), 0);
            training.step(batch(model, 1), 1);
            snapshot = training.snapshot();
            uninterrupted = training.step(batch(model, 2), 2);
            uninterruptedImages = training.generate(SampleGrid.labels(10, 1), 5L);
        }
        try (GanTraining resumed = GanTraining.resume(spec, snapshot)) {
            assertEquals(uninterrupted, resumed.step(batch(model, 2), 2));
            assertArrayEquals(uninterruptedImages, resumed.generate(SampleGrid.labels(10, 1), 5L));
        }
    }

    @Test
    void theSameSeedGivesTheSameImages() {
        try (GanTraining training = GanTraining.start(spec("cgan-fashion-mnist"))) {
            assertArrayEquals(
                    training.generate(SampleGrid.ofClass(3, 4), 11L), training.generate(SampleGrid.ofClass(3, 4), 11L));
            assertFalse(Arrays.equals(
                    training.generate(SampleGrid.ofClass(3, 4), 11L),
                    training.generate(SampleGrid.ofClass(3, 4), 12L)));
        }
    }

    @Test
    void aConditionalGeneratorMakesDifferentImagesForDifferentClasses() {
        try (GanTraining training = GanTraining.start(spec("cdcgan-cifar10"))) {
            assertFalse(Arrays.equals(
                    training.generate(SampleGrid.ofClass(1, 2), 11L),
                    training.generate(SampleGrid.ofClass(2, 2), 11L)));
        }
    }
}

package io.ganflow.models.classifier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.ImageBatch;
import io.ganflow.models.training.StepResult;
import io.ganflow.testing.ClassPatches;
import org.junit.jupiter.api.Test;

/** The classifier's step on small synthetic batches: it learns, and a resumed run continues exactly. */
class ClassifierTrainingTest {

    private static final ClassifierShape SHAPE = new ClassifierShape(1, 28, 10);

    private static ImageBatch batch(int index) {
        return ClassPatches.batch("classifier", index, 32, 1_000);
    }

    @Test
    void learnsClassesItCanSee() {
        try (ClassifierTraining training = ClassifierTraining.start(SHAPE, 1e-3, 1, 3L)) {
            double firstLoss = training.step(batch(0), 0).lossD();
            double lastAccuracy = 0;
            double lastLoss = 0;
            for (int step = 1; step <= 120; step++) {
                StepResult result = training.step(batch(step), step);
                if (step > 100) {
                    lastAccuracy += result.dReal() / 20;
                    lastLoss += result.lossD() / 20;
                }
            }
            assertTrue(lastAccuracy > 0.85, "accuracy over steps 101-120: " + lastAccuracy);
            assertTrue(lastLoss < firstLoss / 3, "loss " + firstLoss + " -> " + lastLoss);
        }
    }

    @Test
    void resumingFromItsPartsContinuesExactly() {
        byte[] parameters;
        byte[] optimizer;
        StepResult uninterrupted;
        byte[] uninterruptedParameters;
        try (ClassifierTraining training = ClassifierTraining.start(SHAPE, 1e-3, 1, 3L)) {
            training.step(batch(0), 0);
            parameters = training.parameters();
            optimizer = training.optimizerState();
            uninterrupted = training.step(batch(1), 1);
            uninterruptedParameters = training.parameters();
        }
        try (ClassifierTraining resumed = ClassifierTraining.resume(SHAPE, 1e-3, 1, 3L, parameters, optimizer)) {
            assertEquals(uninterrupted, resumed.step(batch(1), 1));
            assertArrayEquals(uninterruptedParameters, resumed.parameters());
        }
    }

    @Test
    void theLearningRateFallsOnACosineToZero() {
        try (ClassifierTraining training = ClassifierTraining.start(SHAPE, 1e-3, 2, 3L)) {
            assertEquals(1e-3, training.learningRate(at(0, 0)), 1e-12);
            assertEquals(0.5e-3, training.learningRate(at(1, 0)), 1e-12, "half way: the second of two epochs");
            assertEquals(0, training.learningRate(at(2, 0)), 1e-12);
            assertEquals(0, training.learningRate(at(3, 50)), 1e-12, "past the planned end it stays at zero");
        }
    }

    private static ImageBatch at(int epoch, int index) {
        ImageBatch any = batch(0);
        return new ImageBatch("classifier", epoch, index, 100, 1, 28, 28, any.labels(), any.pixels());
    }
}

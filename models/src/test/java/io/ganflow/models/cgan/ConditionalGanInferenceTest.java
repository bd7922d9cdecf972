package io.ganflow.models.cgan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.ganflow.models.GanModel;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.numerics.TrainedStatistics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ConditionalGanInferenceTest {

    private static final GanModel MODEL = new ConditionalGan();

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @Test
    void computesTheGeneratorsFunctionInFloat64() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = generator(manager, DataType.FLOAT64);
            NDArray z = manager.randomNormal(new Shape(12, 100), DataType.FLOAT64);
            NDArray labels = manager.create(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 3, 3});
            NDArray expected = InferenceGenerator.layers(MODEL, generator, new ParameterStore(manager, false))
                    .images(z, labels);

            NDArray actual = MODEL.inferenceGenerator(generator, new ParameterStore(manager, false), manager)
                    .images(z, labels);

            assertEquals(new Shape(12, 1, 28, 28), actual.getShape());
            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void leavesTheNetworksParametersAsTheyWere() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = generator(manager, DataType.FLOAT32);
            byte[][] before = parameters(generator);

            MODEL.inferenceGenerator(generator, new ParameterStore(manager, false), manager);

            assertArrayEquals(before, parameters(generator));
        }
    }

    private static Block generator(NDManager manager, DataType type) {
        Block generator = MODEL.generator();
        generator.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
        generator.initialize(manager, type, MODEL.generatorInputShapes(1, 100));
        TrainedStatistics.giveBatchNorms(generator, 11);
        return generator;
    }

    private static byte[][] parameters(Block generator) {
        return generator.getParameters().values().stream()
                .map(parameter -> parameter.getArray().toByteArray())
                .toArray(byte[][]::new);
    }
}

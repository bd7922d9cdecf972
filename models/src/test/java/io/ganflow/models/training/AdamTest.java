package io.ganflow.models.training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import io.ganflow.models.layers.Torch;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AdamTest {

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block layer = constantLayer(manager, 0f);
            try (Adam adam = new Adam(manager, layer, 0.1, 0.5, 0.999)) {
                // loss = sum((w x - 3)^2) with x = 1: gradient -6 for the weight and the bias
                backward(manager, layer, adam);
                adam.step();
                assertArrayEquals(new float[] {0.1f}, weight(layer, 0), 1e-6f);
                assertArrayEquals(new float[] {0.1f}, weight(layer, 1), 1e-6f);
            }
        }
    }

    @Test
    void savedStateContinuesExactlyLikeTheOriginal() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Block original = constantLayer(manager, 0.5f);
            Block copy = constantLayer(manager, 0.5f);
            try (Adam first = new Adam(manager, original, 0.05, 0.5, 0.999);
                    Adam second = new Adam(manager, copy, 0.05, 0.5, 0.999)) {
                for (int i = 0; i < 3; i++) {
                    backward(manager, original, first);
                    first.step();
                }
                weightArray(copy, 0).set(weight(original, 0));
                weightArray(copy, 1).set(weight(original, 1));
                second.loadState(first.saveState());
                assertEquals(3, second.steps());
                backward(manager, original, first);
                first.step();
                backward(manager, copy, second);
                second.step();
                assertArrayEquals(weight(original, 0), weight(copy, 0));
            }
        }
    }

    private static Block constantLayer(NDManager manager, float value) {
        Block layer = Linear.builder().setUnits(1).build();
        layer.setInitializer(new ConstantInitializer(value), p -> true);
        layer.initialize(manager, DataType.FLOAT32, new Shape(1, 1));
        return layer;
    }

    private static void backward(NDManager manager, Block layer, Adam adam) {
        adam.zeroGradients();
        try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray y = layer.forward(
                            new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 1))), true)
                    .singletonOrThrow();
            collector.backward(y.sub(3).square().sum());
        }
    }

    private static NDArray weightArray(Block layer, int index) {
        Parameter parameter = layer.getParameters().values().get(index);
        return parameter.getArray();
    }

    private static float[] weight(Block layer, int index) {
        return weightArray(layer, index).toFloatArray();
    }
}

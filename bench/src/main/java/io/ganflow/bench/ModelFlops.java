package io.ganflow.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import io.ganflow.models.GanModel;
import io.ganflow.models.layers.Conv2dLayer;
import io.ganflow.models.layers.LayerWalk;
import io.ganflow.models.layers.SameConv2d;
import io.ganflow.models.layers.TransposedConv2d;

/**
 * The arithmetic a model needs, counted from its layers' shapes as the tutorial defines them (multiply-adds of
 * convolutions, transposed convolutions and dense layers, times 2): what a training image costs on any hardware, so
 * that images per second can be read as a share of the machine's peak. Element-wise layers are left out (a few per
 * cent).
 */
final class ModelFlops {

    private ModelFlops() {}

    /**
     * One training image of a GAN step as {@code GanTraining} runs it: G forward and backward (3 G), D forward on the
     * real and the fake image and backward for both (6 D), and D forward and backward again for G's loss (3 D).
     */
    static double perTrainingImage(GanModel model) {
        return 3 * forward(model, true) + 9 * forward(model, false);
    }

    /** FLOPs of one image through the generator or the discriminator. */
    static double forward(GanModel model, boolean generator) {
        try (NDManager manager = NDManager.newBaseManager()) {
            int latent = model.descriptor().defaultLatentSize();
            NDArray labels = manager.zeros(new Shape(1), DataType.INT64);
            NDList inputs = generator
                    ? model.generatorInputs(manager.zeros(new Shape(1, latent)), labels)
                    : model.discriminatorInputs(manager.zeros(model.imageShape(1)), labels);
            Block network = generator ? model.generator() : model.discriminator();
            network.setInitializer(new NormalInitializer(0.02f), ai.djl.nn.Parameter.Type.WEIGHT);
            network.initialize(manager, DataType.FLOAT32, inputs.getShapes());
            ParameterStore parameters = new ParameterStore(manager, false);
            double[] flops = {0};
            LayerWalk.walk(network, inputs, (layer, x) -> {
                NDArray y = layer.forward(parameters, new NDList(x), false).singletonOrThrow();
                flops[0] += layerFlops(layer, x.getShape(), y.getShape());
                return y;
            });
            return flops[0];
        }
    }

    private static double layerFlops(Block layer, Shape in, Shape out) {
        if (layer instanceof Linear) {
            return 2.0 * in.get(1) * out.get(1);
        }
        if (layer instanceof Conv2dLayer || layer instanceof SameConv2d) {
            long kernel =
                    layer.getParameters().get("weight").getArray().getShape().get(2);
            return 2.0 * out.get(1) * out.get(2) * out.get(3) * in.get(1) * kernel * kernel;
        }
        if (layer instanceof TransposedConv2d) {
            // every input element times the whole kernel (the tutorial's first definition)
            long kernel =
                    layer.getParameters().get("weight").getArray().getShape().get(2);
            return 2.0 * in.get(1) * in.get(2) * in.get(3) * out.get(1) * kernel * kernel;
        }
        return 0;
    }
}

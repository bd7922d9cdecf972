package io.ganflow.models.numerics;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import io.ganflow.models.layers.LayerWalk;
import java.util.Random;

/**
 * Gives every batch norm of a freshly initialised network statistics and affine parameters like a trained one's
 * (a fresh one normalises with mean 0 and variance 1, which would hide a mistake in folding it into other layers).
 */
public final class TrainedStatistics {

    private TrainedStatistics() {}

    public static void giveBatchNorms(Block network, long seed) {
        Random random = new Random(seed);
        for (Block layer : LayerWalk.leaves(network)) {
            if (layer instanceof BatchNorm) {
                set(layer, "gamma", random, 0.5, 1.5);
                set(layer, "beta", random, -0.3, 0.3);
                set(layer, "runningMean", random, -0.5, 0.5);
                set(layer, "runningVar", random, 0.2, 3);
            }
        }
    }

    private static void set(Block layer, String name, Random random, double from, double to) {
        NDArray array = layer.getParameters().get(name).getArray();
        Shape shape = array.getShape();
        NDManager manager = array.getManager();
        double[] values = random.doubles(shape.size(), from, to).toArray();
        try (NDArray doubles = manager.create(values, shape)) {
            array.set(doubles.toType(array.getDataType(), false).toByteBuffer());
        }
    }
}

package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import java.util.Arrays;

/**
 * A batch norm layer in inference mode is, per channel, {@code y = x * scale + shift} with {@code scale = gamma /
 * sqrt(runningVar + epsilon)} and {@code shift = beta - runningMean * scale}: folded into the weights and bias of the
 * layer before it, it costs nothing at inference. New arrays belong to {@code manager}.
 */
public final class FoldedBatchNorm {

    private final double[] scale;
    private final double[] shift;
    private final NDManager manager;

    private FoldedBatchNorm(double[] scale, double[] shift, NDManager manager) {
        this.scale = scale;
        this.shift = shift;
        this.manager = manager;
    }

    /** {@code epsilon} as the layer was built with (DJL does not expose it). */
    public static FoldedBatchNorm of(BatchNorm batchNorm, float epsilon, NDManager manager) {
        double[] gamma = values(batchNorm, "gamma");
        double[] beta = values(batchNorm, "beta");
        double[] mean = values(batchNorm, "runningMean");
        double[] variance = values(batchNorm, "runningVar");
        double[] scale = new double[gamma.length];
        double[] shift = new double[gamma.length];
        for (int c = 0; c < gamma.length; c++) {
            scale[c] = gamma[c] / Math.sqrt(variance[c] + epsilon);
            shift[c] = beta[c] - mean[c] * scale[c];
        }
        return new FoldedBatchNorm(scale, shift, manager);
    }

    /** The weights of the layer before, its output channels along {@code outputAxis}, times the scale. */
    public NDArray weight(NDArray weight, int outputAxis) {
        long[] broadcast = new long[weight.getShape().dimension()];
        Arrays.fill(broadcast, 1);
        broadcast[outputAxis] = scale.length;
        NDArray scaled = weight.mul(typed(scale, weight.getDataType()).reshape(new Shape(broadcast)));
        scaled.attach(manager);
        return scaled;
    }

    /** The bias of the layer before, scaled and shifted. */
    public NDArray bias(NDArray bias) {
        NDArray folded = bias.mul(typed(scale, bias.getDataType())).add(typed(shift, bias.getDataType()));
        folded.attach(manager);
        return folded;
    }

    private NDArray typed(double[] values, DataType type) {
        return HostArrays.create(manager, values, new Shape(values.length), type);
    }

    private static double[] values(BatchNorm batchNorm, String parameter) {
        return HostArrays.values(batchNorm.getParameters().get(parameter).getArray());
    }
}

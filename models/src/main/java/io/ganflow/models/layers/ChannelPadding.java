package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Convolutions whose channel counts are padded with zeros to a multiple (16: oneDNN's channel block), in and out,
 * then cut back: the same function, computed only in whole channel blocks. The oneDNN inside the libtorch that DJL
 * bundles mishandles a block's tail on some machines (a zero-filled cache topology from the hypervisor: STACK.md),
 * and this keeps its fast kernels there. Off (a multiple of 1) unless the numerics configuration turns it on.
 */
public final class ChannelPadding {

    private static volatile int multiple = 1;

    private ChannelPadding() {}

    /** Pads every convolution from now on to {@code channels} (1: no padding). Process-wide, as libtorch is. */
    public static void padTo(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be at least 1, was " + channels);
        }
        multiple = channels;
    }

    /** True when {@code weight} ({@code [out, in, k, k]}) has a channel count that is not a whole multiple. */
    static boolean needed(NDArray weight) {
        int m = multiple;
        Shape shape = weight.getShape();
        return m > 1 && (shape.get(0) % m != 0 || shape.get(1) % m != 0);
    }

    /** {@link ConvolutionOps#conv2d} with the channels padded; needs {@link #needed}. */
    static NDArray conv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        int m = multiple;
        NDManager manager = input.getManager();
        Shape shape = weight.getShape();
        long out = shape.get(0);
        long in = shape.get(1);
        long extraIn = roundUp(in, m) - in;
        long extraOut = roundUp(out, m) - out;
        // derived arrays belong to their first operand's manager: keep them with the input, not the parameters
        NDArray kernel = weight.reshape(shape);
        kernel.attach(manager);
        NDArray x = input;
        if (extraIn > 0) {
            Shape inShape = input.getShape();
            x = input.concat(
                    manager.zeros(
                            new Shape(inShape.get(0), extraIn, inShape.get(2), inShape.get(3)), input.getDataType()),
                    1);
            kernel = kernel.concat(
                    manager.zeros(new Shape(out, extraIn, shape.get(2), shape.get(3)), kernel.getDataType()), 1);
        }
        NDArray b = bias;
        if (extraOut > 0) {
            kernel = kernel.concat(
                    manager.zeros(new Shape(extraOut, in + extraIn, shape.get(2), shape.get(3)), kernel.getDataType()),
                    0);
            if (bias != null) {
                b = bias.reshape(out);
                b.attach(manager);
                b = b.concat(manager.zeros(new Shape(extraOut), bias.getDataType()));
            }
        }
        NDArray y = ConvolutionOps.plainConv2d(x, kernel, b, stride, padding);
        return extraOut > 0 ? y.get(new NDIndex(":, 0:{}", out)) : y;
    }

    private static long roundUp(long channels, int m) {
        return (channels + m - 1) / m * m;
    }
}

package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/** Convolutions as plain functions of arrays, so that layers and their float64 checks share one implementation. */
public final class ConvolutionOps {

    private ConvolutionOps() {}

    /** An ordinary 2-D convolution (cross-correlation), NCHW, weight {@code [out, in, k, k]}. */
    public static NDArray conv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        return input.getNDArrayInternal()
                .convolution(
                        input, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * Transposed convolution, NCHW, weight {@code [in, out, k, k]} as in PyTorch; output side
     * {@code (in - 1) * stride - 2 * padding + k}. DJL's PyTorch engine does not implement it. This is the sub-pixel
     * form: each of the {@code stride²} output phases is an ordinary convolution of the input with a sub-kernel of
     * {@code ceil(k / stride)²} taps, all phases computed by one convolution and then interleaved. It does
     * {@code stride²} times less arithmetic than {@link #transposedConv2dByZeroInsertion}, and computes the same.
     */
    public static NDArray transposedConv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        Shape in = input.getShape();
        long inChannels = weight.getShape().get(0);
        long outChannels = weight.getShape().get(1);
        int kernel = (int) weight.getShape().get(2);
        int taps = (kernel + stride - 1) / stride;
        long side = in.get(2);
        long outSide = (side - 1) * stride - 2L * padding + kernel;

        // [in, out, k, k] -> [in, out, taps*stride, taps*stride] (zero taps past k), so that ky = j * stride + r
        NDArray padded = padKernel(weight, taps * stride - kernel, input.getManager());
        // phase (ry, rx) tap (my, mx) is w[ry + stride * (taps - 1 - my), rx + stride * (taps - 1 - mx)]
        NDArray phases = padded.reshape(inChannels, outChannels, taps, stride, taps, stride)
                .flip(2, 4)
                .transpose(3, 5, 1, 0, 2, 4)
                .reshape(stride * stride * outChannels, inChannels, taps, taps);
        NDArray allPhases = conv2d(input, phases, null, 1, taps - 1);
        long q = allPhases.getShape().get(2);
        NDArray interleaved = allPhases
                .reshape(in.get(0), stride, stride, outChannels, q, q)
                .transpose(0, 3, 4, 1, 5, 2)
                .reshape(in.get(0), outChannels, q * stride, q * stride)
                .get(new NDIndex(":, :, {}:{}, {}:{}", padding, padding + outSide, padding, padding + outSide));
        return bias == null ? interleaved : interleaved.add(bias.reshape(1, outChannels, 1, 1));
    }

    /**
     * The same transposed convolution as the convolution it is equivalent to: insert {@code stride - 1} zeros
     * between input elements, pad by {@code k - 1 - padding}, and convolve with the kernel flipped and its channel
     * axes swapped. Slower; kept as a second, independent formulation for tests and benchmarks.
     */
    public static NDArray transposedConv2dByZeroInsertion(
            NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        int kernel = (int) weight.getShape().get(2);
        if (padding > kernel - 1) {
            throw new IllegalArgumentException("padding " + padding + " must be at most kernel - 1 = " + (kernel - 1));
        }
        NDArray swapped = weight.transpose(1, 0, 2, 3);
        // Derived arrays belong to their first operand's manager: keep them with the input, not the parameters.
        swapped.attach(input.getManager());
        NDArray flipped = swapped.flip(2, 3);
        return conv2d(insertZeros(input, stride), flipped, bias, 1, kernel - 1 - padding);
    }

    /**
     * The kernel with {@code extra} zero rows and columns appended to its spatial axes, as an array of
     * {@code manager} (derived arrays belong to their first operand's manager: keep them off the parameters').
     */
    private static NDArray padKernel(NDArray weight, int extra, NDManager manager) {
        Shape shape = weight.getShape();
        NDArray kernel = weight.reshape(shape);
        kernel.attach(manager);
        if (extra == 0) {
            return kernel;
        }
        NDArray rows = kernel.concat(
                manager.zeros(new Shape(shape.get(0), shape.get(1), extra, shape.get(3)), weight.getDataType()), 2);
        return rows.concat(
                manager.zeros(new Shape(shape.get(0), shape.get(1), shape.get(2) + extra, extra), weight.getDataType()),
                3);
    }

    /** Spreads the input's elements {@code stride} apart on both spatial axes, zeros in between. */
    static NDArray insertZeros(NDArray input, int stride) {
        if (stride == 1) {
            return input;
        }
        return insertZerosAlong(insertZerosAlong(input, 3, stride), 2, stride);
    }

    private static NDArray insertZerosAlong(NDArray input, int axis, int stride) {
        NDList spread = new NDList(stride);
        spread.add(input);
        NDArray zeros = input.zerosLike();
        for (int i = 1; i < stride; i++) {
            spread.add(zeros);
        }
        Shape shape = input.getShape();
        long length = shape.get(axis);
        // stack after the axis, then merge: x0 0 x1 0 ... x(n-1) 0, and drop the trailing zeros
        NDArray interleaved = NDArrays.stack(spread, axis + 1);
        long[] merged = shape.getShape().clone();
        merged[axis] = length * stride;
        NDArray flat = interleaved.reshape(new Shape(merged));
        long keep = (length - 1) * stride + 1;
        return axis == 3 ? flat.get(new NDIndex(":, :, :, 0:{}", keep)) : flat.get(new NDIndex(":, :, 0:{}, :", keep));
    }
}

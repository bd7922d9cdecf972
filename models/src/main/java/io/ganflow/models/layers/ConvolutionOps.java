package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
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
     * Transposed convolution, NCHW, weight {@code [in, out, k, k]} as in PyTorch. DJL's PyTorch engine does not
     * implement it, so it is computed as its equivalent: insert {@code stride - 1} zeros between input elements, pad
     * by {@code k - 1 - padding}, and convolve with the kernel flipped and its channel axes swapped. The output has
     * side {@code (in - 1) * stride - 2 * padding + k}.
     */
    public static NDArray transposedConv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
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

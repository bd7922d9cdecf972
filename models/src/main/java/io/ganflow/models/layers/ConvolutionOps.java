package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import io.ganflow.models.numerics.Numerics;

/** Convolutions as plain functions of arrays, so that layers and their float64 checks share one implementation. */
public final class ConvolutionOps {

    /**
     * The smallest input side at which a transposed convolution is faster phase by phase than all phases in one.
     * Measured on the cGAN's layers at batch 128 (fwd+bwd): per phase 277 ms vs 347 ms for 14x14 -> 28x28, but
     * 92 ms vs 65 ms for 7x7 -> 14x14, where four small convolutions cost more than cutting one big output.
     */
    static final int PHASES_FROM_INPUT_SIDE = 14;

    /**
     * The fewest output channels for which phase by phase pays: oneDNN computes output channels in blocks of 16, so
     * a phase of fewer would waste most of a block (all phases in one convolution fill it with phases instead).
     */
    static final int PHASES_FROM_OUTPUT_CHANNELS = 16;

    private ConvolutionOps() {}

    /**
     * An ordinary 2-D convolution (cross-correlation), NCHW, weight {@code [out, in, k, k]}; every convolution of the
     * models comes here, so that the machine's numerics configuration ({@link ChannelPadding}) applies to all.
     */
    public static NDArray conv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        Numerics.ensureChosen();
        return ChannelPadding.needed(weight)
                ? ChannelPadding.conv2d(input, weight, bias, stride, padding)
                : plainConv2d(input, weight, bias, stride, padding);
    }

    static NDArray plainConv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        return input.getNDArrayInternal()
                .convolution(
                        input, weight, bias, new Shape(stride, stride), new Shape(padding, padding), new Shape(1, 1), 1)
                .singletonOrThrow();
    }

    /**
     * Transposed convolution, NCHW, weight {@code [in, out, k, k]} as in PyTorch; output side
     * {@code (in - 1) * stride - 2 * padding + k}. DJL's PyTorch engine does not implement it, so it is computed as
     * ordinary convolutions, one per output phase (the {@code stride²} interleaved sub-grids of the output), each
     * with a sub-kernel of {@code ceil(k / stride)²} taps: {@code stride²} times less arithmetic than
     * {@link #transposedConv2dByZeroInsertion}. Which of two equivalent arrangements runs is a matter of speed only.
     */
    public static NDArray transposedConv2d(NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        int kernel = (int) weight.getShape().get(2);
        long outSide = (input.getShape().get(2) - 1) * stride - 2L * padding + kernel;
        boolean regularPhases = kernel % stride == 0 && outSide % stride == 0;
        return regularPhases
                        && input.getShape().get(2) >= PHASES_FROM_INPUT_SIDE
                        && weight.getShape().get(1) >= PHASES_FROM_OUTPUT_CHANNELS
                ? transposedConv2dByPhases(input, weight, bias, stride, padding)
                : transposedConv2dSubPixel(input, weight, bias, stride, padding);
    }

    /**
     * Transposed convolution as one convolution per output phase of the zero-padded input, each phase the part of
     * its convolution's output it needs, so the phases only need interleaving. Needs a kernel and an output side
     * divisible by the stride (as in the models' doubling layers). Slicing the outputs rather than padding the input
     * and slicing windows of it gives the same numbers and trains ~10% faster (fwd+bwd of the cGAN's 14->28 layer,
     * 132 -> 120 ms at batch 64): the input is not copied, and no window gradients are padded back.
     */
    public static NDArray transposedConv2dByPhases(
            NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
        Shape in = input.getShape();
        long inChannels = weight.getShape().get(0);
        long outChannels = weight.getShape().get(1);
        int kernel = (int) weight.getShape().get(2);
        if (kernel % stride != 0) {
            throw new IllegalArgumentException("phases need kernel " + kernel + " divisible by stride " + stride);
        }
        TransposedPhases geometry = TransposedPhases.of(kernel, stride, padding, in.get(2));
        int taps = geometry.taps();
        long phaseSide = geometry.phaseSide();
        // [in, out, k, k] -> [r_y, r_x, out, in, t_y, t_x], taps reversed so that t runs along the window
        NDArray split = weight.reshape(inChannels, outChannels, taps, stride, taps, stride);
        // derived arrays belong to their first operand's manager: keep them with the input, not the parameters
        split.attach(input.getManager());
        NDArray kernels = split.flip(2, 4).transpose(3, 5, 1, 0, 2, 4);
        NDList phases = new NDList(stride * stride);
        for (int rhoY = 0; rhoY < stride; rhoY++) {
            for (int rhoX = 0; rhoX < stride; rhoX++) {
                NDArray phaseKernel = kernels.get((rhoY + padding) % stride, (rhoX + padding) % stride);
                NDArray all = conv2d(input, phaseKernel, bias, 1, geometry.convolutionPadding());
                int y = geometry.offsets()[rhoY];
                int x = geometry.offsets()[rhoX];
                phases.add(all.get(new NDIndex(":, :, {}:{}, {}:{}", y, y + phaseSide, x, x + phaseSide)));
            }
        }
        return NDArrays.stack(phases, 0)
                .reshape(stride, stride, in.get(0), outChannels, phaseSide, phaseSide)
                .transpose(2, 3, 4, 0, 5, 1)
                .reshape(in.get(0), outChannels, geometry.outputSide(), geometry.outputSide());
    }

    /**
     * Transposed convolution as one convolution that computes all output phases as channels, then interleaves them
     * and cuts the padding: best when there are few output channels.
     */
    public static NDArray transposedConv2dSubPixel(
            NDArray input, NDArray weight, NDArray bias, int stride, int padding) {
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
     * An ordinary stride-1 convolution with 'same' padding (odd kernel) computed as a stride-{@code phases}
     * convolution whose output channels are the {@code phases²} interleaved sub-grids of each output channel, with
     * the kernel placed at each sub-grid's offset in a {@code k + phases - 1} window. It does about twice the
     * arithmetic, but with 1 or 3 output channels oneDNN would otherwise fill blocks of 16 channels with zeros: the
     * cGAN's 7x7 output layer runs several times faster this way. Needs a side divisible by {@code phases}.
     */
    public static NDArray sameConv2dByPhases(NDArray input, NDArray weight, NDArray bias, int phases) {
        Shape in = input.getShape();
        long outChannels = weight.getShape().get(0);
        long inChannels = weight.getShape().get(1);
        int kernel = (int) weight.getShape().get(2);
        long side = in.get(2);
        if (kernel % 2 == 0 || side % phases != 0) {
            throw new IllegalArgumentException(
                    "needs an odd kernel and a side divisible by " + phases + ", was " + kernel + " and " + side);
        }
        NDManager manager = input.getManager();
        NDList placed = new NDList(phases * phases);
        for (int y = 0; y < phases; y++) {
            for (int x = 0; x < phases; x++) {
                placed.add(placeKernel(weight, y, x, phases - 1, manager));
            }
        }
        int window = kernel + phases - 1;
        // [phase, out, in, w, w] -> [out, phase, in, w, w]: output channel o * phases² + phase
        NDArray kernels = NDArrays.stack(placed, 0)
                .transpose(1, 0, 2, 3, 4)
                .reshape(outChannels * phases * phases, inChannels, window, window);
        NDArray phaseBias = null;
        if (bias != null) {
            NDArray column = bias.reshape(outChannels, 1);
            column.attach(manager);
            phaseBias = column.repeat(1, phases * phases).reshape(-1);
        }
        NDArray all = conv2d(input, kernels, phaseBias, phases, (kernel - 1) / 2);
        long phaseSide = side / phases;
        return all.reshape(in.get(0), outChannels, phases, phases, phaseSide, phaseSide)
                .transpose(0, 1, 4, 2, 5, 3)
                .reshape(in.get(0), outChannels, side, side);
    }

    /** The kernel inside a window {@code extra} larger, at offset (y, x), zeros around it. */
    private static NDArray placeKernel(NDArray weight, int y, int x, int extra, NDManager manager) {
        Shape shape = weight.getShape();
        NDArray kernel = weight.reshape(shape);
        kernel.attach(manager);
        return zeroPadAxis(zeroPadAxis(kernel, 2, y, extra - y), 3, x, extra - x);
    }

    private static NDArray zeroPadAxis(NDArray array, int axis, int before, int after) {
        NDArray result = array;
        if (before > 0) {
            result = zerosAlong(array, axis, before).concat(result, axis);
        }
        if (after > 0) {
            result = result.concat(zerosAlong(array, axis, after), axis);
        }
        return result;
    }

    private static NDArray zerosAlong(NDArray array, int axis, int length) {
        long[] shape = array.getShape().getShape().clone();
        shape[axis] = length;
        return array.getManager().zeros(new Shape(shape), array.getDataType());
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

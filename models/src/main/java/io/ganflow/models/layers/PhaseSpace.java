package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * An upsampled image kept as its phases: a stride-{@code s} transposed convolution's output is {@code s²}
 * interleaved sub-grids ("phases", phase {@code (ry, rx)} holding pixels {@code (s*i + ry, s*j + rx)}), each an
 * ordinary convolution of the input. Per-pixel layers (ReLU, a folded batch norm) run on each phase as it is, and a
 * 'same' convolution that follows reads the phases directly, so the full-size image is never assembled, padded,
 * interleaved or copied. For inference with fixed weights: kernels are derived once, in the weights' data type.
 */
public final class PhaseSpace {

    private PhaseSpace() {}

    /**
     * A transposed convolution (weight {@code [in, out, k, k]}, stride, padding) as one convolution per output phase,
     * with kernels derived once for the {@link TransposedPhases} geometry.
     */
    public record TransposedConvolution(NDList kernels, NDArray bias, TransposedPhases geometry) {

        /** Phases {@code (ry, rx)} in order {@code ry * stride + rx}, each [N, out, phaseSide, phaseSide]. */
        public NDList phases(NDArray input) {
            int stride = geometry.stride();
            int[] offsets = geometry.offsets();
            long side = geometry.phaseSide();
            NDList phases = new NDList(kernels.size());
            for (int ry = 0; ry < stride; ry++) {
                for (int rx = 0; rx < stride; rx++) {
                    NDArray all = ConvolutionOps.conv2d(
                            input, kernels.get(ry * stride + rx), bias, 1, geometry.convolutionPadding());
                    phases.add(all.get(new NDIndex(
                            ":, :, {}:{}, {}:{}", offsets[ry], offsets[ry] + side, offsets[rx], offsets[rx] + side)));
                }
            }
            return phases;
        }
    }

    /** Derives the per-phase kernels, where {@link TransposedPhases} says each phase's taps come from. */
    public static TransposedConvolution transposedConvolution(
            NDArray weight, NDArray bias, int stride, int padding, long inputSide, NDManager manager) {
        Shape shape = weight.getShape();
        int in = (int) shape.get(0);
        int out = (int) shape.get(1);
        int kernel = (int) shape.get(2);
        TransposedPhases geometry = TransposedPhases.of(kernel, stride, padding, inputSide);
        int taps = geometry.taps();
        double[] w = HostArrays.values(weight);
        NDList kernels = new NDList(stride * stride);
        for (int ry = 0; ry < stride; ry++) {
            for (int rx = 0; rx < stride; rx++) {
                double[] k = new double[out * in * taps * taps];
                for (int o = 0; o < out; o++) {
                    for (int i = 0; i < in; i++) {
                        for (int ty = 0; ty < taps; ty++) {
                            int ky = geometry.kernelTap(ry, ty);
                            for (int tx = 0; tx < taps; tx++) {
                                int kx = geometry.kernelTap(rx, tx);
                                if (ky >= 0 && ky < kernel && kx >= 0 && kx < kernel) {
                                    k[((o * in + i) * taps + ty) * taps + tx] =
                                            w[((i * out + o) * kernel + ky) * kernel + kx];
                                }
                            }
                        }
                    }
                }
                kernels.add(HostArrays.create(manager, k, new Shape(out, in, taps, taps), weight.getDataType()));
            }
        }
        NDArray ownBias = bias == null ? null : copy(bias, manager);
        return new TransposedConvolution(kernels, ownBias, geometry);
    }

    /**
     * A stride-1 'same' convolution (weight {@code [out, in, k, k]}, odd k) of an image given as its
     * {@code inputPhases²} phases, computed as one strided convolution per input phase, summed. Its output is
     * {@code outputPhases²} phases per channel (a multiple of the input's, so that output channels fill the CPU's
     * blocks of 16), put together into the image at the end.
     */
    public record SameConvolution(
            NDList kernels, NDArray bias, int stride, int padding, int outputPhases, long outChannels) {

        /** The image, [N, out, side, side], from phases as {@link TransposedConvolution#phases} orders them. */
        public NDArray apply(NDList phases) {
            NDArray sum = null;
            for (int p = 0; p < phases.size(); p++) {
                NDArray part =
                        ConvolutionOps.conv2d(phases.get(p), kernels.get(p), p == 0 ? bias : null, stride, padding);
                sum = sum == null ? part : sum.addi(part);
            }
            Shape shape = sum.getShape();
            long n = shape.get(0);
            long side = shape.get(2);
            return sum.reshape(n, outChannels, outputPhases, outputPhases, side, side)
                    .transpose(0, 1, 4, 2, 5, 3)
                    .reshape(n, outChannels, side * outputPhases, side * outputPhases);
        }
    }

    /**
     * Derives the per-input-phase kernels. Output pixel {@code Y = P*I + A} reads image row {@code y = Y + u - h}
     * ({@code h = (k - 1) / 2}) for tap {@code u}; with {@code y = s*e + r} that is input phase {@code r}, row
     * {@code (P/s)*I + floor((A + u - h) / s)}: a convolution of stride {@code P/s} whose tap index is that floor
     * plus the padding.
     */
    public static SameConvolution sameConvolution(
            NDArray weight, NDArray bias, int inputPhases, int outputPhases, NDManager manager) {
        Shape shape = weight.getShape();
        int out = (int) shape.get(0);
        int in = (int) shape.get(1);
        int kernel = (int) shape.get(2);
        if (kernel % 2 == 0 || outputPhases % inputPhases != 0) {
            throw new IllegalArgumentException("needs an odd kernel and output phases a multiple of input phases, was "
                    + kernel + ", " + outputPhases + " and " + inputPhases);
        }
        int s = inputPhases;
        int half = (kernel - 1) / 2;
        int padding = -Math.floorDiv(-half, s);
        int taps = Math.floorDiv(outputPhases - 1 + half, s) + padding + 1;
        int outputs = out * outputPhases * outputPhases;
        double[] w = HostArrays.values(weight);
        NDList kernels = new NDList(s * s);
        for (int ry = 0; ry < s; ry++) {
            for (int rx = 0; rx < s; rx++) {
                double[] k = new double[outputs * in * taps * taps];
                for (int o = 0; o < out; o++) {
                    for (int a = 0; a < outputPhases; a++) {
                        for (int b = 0; b < outputPhases; b++) {
                            int channel = (o * outputPhases + a) * outputPhases + b;
                            for (int i = 0; i < in; i++) {
                                for (int ty = 0; ty < taps; ty++) {
                                    int u = s * (ty - padding) + ry - a + half;
                                    for (int tx = 0; tx < taps; tx++) {
                                        int v = s * (tx - padding) + rx - b + half;
                                        if (u >= 0 && u < kernel && v >= 0 && v < kernel) {
                                            k[((channel * in + i) * taps + ty) * taps + tx] =
                                                    w[((o * in + i) * kernel + u) * kernel + v];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                kernels.add(HostArrays.create(manager, k, new Shape(outputs, in, taps, taps), weight.getDataType()));
            }
        }
        NDArray phaseBias = null;
        if (bias != null) {
            NDArray column = copy(bias, manager).reshape(out, 1);
            phaseBias = column.repeat(1, (long) outputPhases * outputPhases).reshape(-1);
        }
        return new SameConvolution(kernels, phaseBias, outputPhases / s, padding, outputPhases, out);
    }

    private static NDArray copy(NDArray array, NDManager manager) {
        NDArray own = array.duplicate();
        own.attach(manager);
        return own;
    }
}

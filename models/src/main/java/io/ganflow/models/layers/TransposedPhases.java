package io.ganflow.models.layers;

/**
 * The geometry of a transposed convolution computed phase by phase. Its output is {@code stride²} interleaved
 * sub-grids ("phases"). Phase {@code (ry, rx)} holds the pixels {@code (stride*i + ry, stride*j + rx)}, and each
 * phase is an ordinary convolution of the input with a sub-kernel of {@code taps²} taps. Output pixel
 * {@code y = stride*m + r} takes input {@code m - d} through kernel tap {@code ky = stride*d + r + padding}, for every
 * {@code d} that puts {@code ky} inside the kernel.
 *
 * <p>Every phase is computed by one convolution of the input with {@link #convolutionPadding} zeros around it. Phase
 * {@code r}'s pixels are its output from {@code offsets[r]}, {@link #phaseSide} long (rows by {@code ry}, columns by
 * {@code rx}). Training ({@link ConvolutionOps#transposedConv2dByPhases}) and inference ({@link PhaseSpace}) derive
 * their sub-kernels differently but share this.
 *
 * @param lastD per phase, the largest {@code d}: the sub-kernel's tap {@code t} is kernel tap
 *     {@code stride*(lastD[r] - t) + r + padding}
 */
public record TransposedPhases(
        int kernel,
        int stride,
        int padding,
        int taps,
        int[] lastD,
        int convolutionPadding,
        int[] offsets,
        long phaseSide,
        long outputSide) {

    public static TransposedPhases of(int kernel, int stride, int padding, long inputSide) {
        long outputSide = (inputSide - 1) * stride - 2L * padding + kernel;
        if (outputSide % stride != 0) {
            throw new IllegalArgumentException("output side " + outputSide + " is not divisible by stride " + stride);
        }
        long phaseSide = outputSide / stride;
        int[] lastD = new int[stride];
        int[] firstD = new int[stride];
        int taps = 0;
        int before = 0;
        for (int r = 0; r < stride; r++) {
            lastD[r] = Math.floorDiv(kernel - 1 - r - padding, stride);
            firstD[r] = -Math.floorDiv(r + padding, stride);
            taps = Math.max(taps, lastD[r] - firstD[r] + 1);
            before = Math.max(before, lastD[r]);
        }
        // a phase whose window ends past the input needs zeros after it too: one symmetric padding for all phases
        long after = 0;
        for (int r = 0; r < stride; r++) {
            after = Math.max(after, phaseSide + taps - 1 - inputSide - lastD[r]);
        }
        int convolutionPadding = (int) Math.max(before, after);
        int[] offsets = new int[stride];
        for (int r = 0; r < stride; r++) {
            offsets[r] = convolutionPadding - lastD[r];
        }
        return new TransposedPhases(
                kernel, stride, padding, taps, lastD, convolutionPadding, offsets, phaseSide, outputSide);
    }

    /** The kernel tap that phase {@code r}'s sub-kernel tap {@code t} is, possibly outside the kernel (a zero tap). */
    public int kernelTap(int r, int t) {
        return stride * (lastD[r] - t) + r + padding;
    }
}

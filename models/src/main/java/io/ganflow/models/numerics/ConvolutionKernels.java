package io.ganflow.models.numerics;

import io.ganflow.models.layers.ChannelPadding;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The ways this process can compute convolutions, one of which each service chooses at start-up: the one that agrees
 * with float64 in every layer the platform runs and trains fastest here ({@link NumericsSelection}). The vendor
 * library is oneDNN on a CPU and cuDNN on a GPU.
 */
public enum ConvolutionKernels {
    /** libtorch as it comes: the vendor library's kernels. */
    VENDOR("vendor", "oneDNN", "cuDNN"),
    /**
     * The vendor library with every convolution's channel counts padded with zeros to multiples of 16 (oneDNN's
     * channel block), so that no kernel handles a block's tail: where the hypervisor hides the CPU's cache topology,
     * oneDNN 3.7 computes those tails wrongly (STACK.md).
     */
    VENDOR_PADDED("vendor-padded", "oneDNN, channels padded to 16", "cuDNN, channels padded to 16"),
    /** The vendor library off: libtorch's own im2col and BLAS (CPU) or CUDA kernels. Slower, independent of it. */
    PYTORCH("pytorch", "PyTorch's own kernels, oneDNN off", "PyTorch's own CUDA kernels, cuDNN off");

    private final String id;
    private final String onCpu;
    private final String onGpu;

    ConvolutionKernels(String id, String onCpu, String onGpu) {
        this.id = id;
        this.onCpu = onCpu;
        this.onGpu = onGpu;
    }

    /** The name operators set ({@code ganflow.numerics.configuration}) and logs, health and checkpoints show. */
    public String id() {
        return id;
    }

    public String describe(boolean gpu) {
        return gpu ? onGpu : onCpu;
    }

    /**
     * Makes every convolution of this process compute this way from now on; {@code torch} null where libtorch's
     * context cannot be reached (then only the vendor kernels, padded or not, can be had).
     */
    public void apply(TorchContext torch, boolean gpu) {
        ChannelPadding.padTo(this == VENDOR_PADDED ? 16 : 1);
        boolean vendor = this != PYTORCH;
        if (torch == null) {
            if (!vendor) {
                throw new IllegalStateException(
                        "libtorch's context cannot be reached here to switch off its vendor library");
            }
        } else if (gpu) {
            torch.useCudnn(vendor);
        } else {
            torch.useOneDnn(vendor);
        }
    }

    public static Optional<ConvolutionKernels> byId(String id) {
        return Arrays.stream(values()).filter(kernels -> kernels.id.equals(id)).findFirst();
    }

    public static String ids() {
        return Arrays.stream(values()).map(ConvolutionKernels::id).collect(Collectors.joining(", "));
    }
}

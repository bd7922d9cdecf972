package io.ganflow.models.numerics;

import java.util.List;

/** The machine at hand as {@link NumericsSelection} sees it: libtorch's switches, the float64 check, a timing. */
final class LibtorchMachine implements NumericsSelection.Machine {

    private final TorchContext torch;
    private final boolean gpu;
    private final TrainingSpeed speed;

    LibtorchMachine(TorchContext torch, boolean gpu, TrainingSpeed speed) {
        this.torch = torch;
        this.gpu = gpu;
        this.speed = speed;
    }

    @Override
    public void use(ConvolutionKernels kernels) {
        kernels.apply(torch, gpu);
    }

    @Override
    public List<String> disagreements() {
        return PrecisionCheck.everything();
    }

    @Override
    public double trainingImagesPerSecond() {
        return speed.imagesPerSecond();
    }
}

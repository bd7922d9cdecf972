package io.ganflow.models.cgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.layers.ConvolutionOps;
import io.ganflow.models.layers.FoldedBatchNorm;
import io.ganflow.models.layers.PhaseSpace;
import java.util.List;

/**
 * The cGAN generator rewritten for inference, the same function as {@link ConditionalGan#generator()} with its
 * weights: batch norms folded into the layers before them, each class's 7x7 label map computed once, and the
 * 14x14 -> 28x28 stage computed in {@link PhaseSpace} up to the output convolution, so the 128x28x28 activation
 * (400 KB per image) is never built. Arrays belong to the manager it is made with.
 */
final class ConditionalGanInference implements InferenceGenerator {

    private final NDArray noiseWeight;
    private final NDArray noiseBias;
    private final NDArray labelMaps;
    private final NDArray firstWeight;
    private final NDArray firstBias;
    private final PhaseSpace.TransposedConvolution second;
    private final PhaseSpace.SameConvolution output;

    private ConditionalGanInference(
            NDArray noiseWeight,
            NDArray noiseBias,
            NDArray labelMaps,
            NDArray firstWeight,
            NDArray firstBias,
            PhaseSpace.TransposedConvolution second,
            PhaseSpace.SameConvolution output) {
        this.noiseWeight = noiseWeight;
        this.noiseBias = noiseBias;
        this.labelMaps = labelMaps;
        this.firstWeight = firstWeight;
        this.firstBias = firstBias;
        this.second = second;
        this.output = output;
    }

    /** From a generator built by {@link ConditionalGan#generator()}, initialised or loaded. */
    static ConditionalGanInference of(Block generator, NDManager manager) {
        List<Block> paths = generator.getChildren().values();
        List<Block> noisePath = paths.get(0).getChildren().values();
        List<Block> labelPath = paths.get(1).getChildren().values();
        // trunk: 0 transposed conv 7->14, 1 batch norm, 2 ReLU, 3 transposed conv 14->28, 4 batch norm, 5 ReLU,
        // 6 output conv 7x7, 7 tanh (ConditionalGan#generator)
        List<Block> trunk = paths.get(2).getChildren().values();

        FoldedBatchNorm noiseNorm = folded(noisePath.get(1), manager);
        NDArray noiseWeight = noiseNorm.weight(parameter(noisePath.get(0), "weight"), 0);
        NDArray noiseBias = noiseNorm.bias(parameter(noisePath.get(0), "bias"));

        // [classes, 49]: each class's label map, the embedding through the label path's dense layer
        NDArray labelMaps = Linear.linear(
                        parameter(labelPath.get(0), "embedding"),
                        parameter(labelPath.get(1), "weight"),
                        parameter(labelPath.get(1), "bias"))
                .singletonOrThrow();
        labelMaps.attach(manager);

        FoldedBatchNorm firstNorm = folded(trunk.get(1), manager);
        NDArray firstWeight = firstNorm.weight(parameter(trunk.get(0), "weight"), 1);
        NDArray firstBias = firstNorm.bias(parameter(trunk.get(0), "bias"));

        FoldedBatchNorm secondNorm = folded(trunk.get(4), manager);
        PhaseSpace.TransposedConvolution second = PhaseSpace.transposedConvolution(
                secondNorm.weight(parameter(trunk.get(3), "weight"), 1),
                secondNorm.bias(parameter(trunk.get(3), "bias")),
                2, // the doubling layer's stride and padding
                1,
                2L * ConditionalGan.SEED_SIDE,
                manager);
        // 4x4 output phases of the one output channel: 16 channels, one block of the CPU's convolution kernels
        PhaseSpace.SameConvolution output = PhaseSpace.sameConvolution(
                parameter(trunk.get(6), "weight"), parameter(trunk.get(6), "bias"), 2, 4, manager);
        return new ConditionalGanInference(noiseWeight, noiseBias, labelMaps, firstWeight, firstBias, second, output);
    }

    @Override
    public NDArray images(NDArray z, NDArray labels) {
        int side = ConditionalGan.SEED_SIDE;
        NDArray noise = Linear.linear(z, noiseWeight, noiseBias)
                .singletonOrThrow()
                .getNDArrayInternal()
                .relu()
                .reshape(-1, ConditionalGan.SEED_CHANNELS, side, side);
        // one-hot times the maps picks each label's map exactly, as ClassEmbedding does
        NDArray label = labels.oneHot((int) labelMaps.getShape().get(0), labelMaps.getDataType())
                .matMul(labelMaps)
                .reshape(-1, 1, side, side);
        NDArray first = ConvolutionOps.transposedConv2d(noise.concat(label, 1), firstWeight, firstBias, 2, 1)
                .getNDArrayInternal()
                .relu();
        NDList phases = new NDList(4);
        for (NDArray phase : second.phases(first)) {
            phases.add(phase.getNDArrayInternal().relu());
        }
        return output.apply(phases).tanh();
    }

    private static FoldedBatchNorm folded(Block batchNorm, NDManager manager) {
        return FoldedBatchNorm.of((BatchNorm) batchNorm, ConditionalGan.BATCH_NORM_EPSILON, manager);
    }

    private static NDArray parameter(Block block, String name) {
        Parameter parameter = block.getParameters().get(name);
        if (parameter == null) {
            throw new IllegalArgumentException(
                    block.getClass().getSimpleName() + " has no parameter " + name + ": not a cGAN generator");
        }
        return parameter.getArray();
    }
}

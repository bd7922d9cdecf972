package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganflow.models.numerics.Numerics;

/**
 * A stride-1 convolution with 'same' padding and an odd square kernel, for output layers with few channels: the same
 * function and weight layout ({@code [out, in, k, k]}) as DJL's {@code Conv2d}, computed by
 * {@link ConvolutionOps#sameConv2dByPhases} so that the CPU fills whole blocks of output channels.
 */
public final class SameConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int phases;
    private final Parameter weight;
    private final Parameter bias;

    /** @param phases the output is computed as {@code phases²} interleaved sub-grids; must divide the image side */
    public SameConv2d(int filters, int kernel, int phases) {
        super(VERSION);
        // a network is built before it computes, and never inside a gradient collector: choose the kernels now
        Numerics.ensureChosen();
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("'same' padding needs an odd kernel, was " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.phases = phases;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        bias = addParameter(
                Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(ConvolutionOps.sameConv2dByPhases(input, w, b, phases));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, in.get(2), in.get(3))};
    }
}

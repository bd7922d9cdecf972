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
 * A transposed convolution layer (the tutorial's upsampling layer). Weight layout {@code [in, out, k, k]}, as in
 * PyTorch, so checkpoints stay conventional. With kernel 4, stride 2 and padding 1 it doubles height and width.
 */
public final class TransposedConv2d extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final Parameter weight;
    private final Parameter bias;

    public TransposedConv2d(int filters, int kernel, int stride, int padding) {
        super(VERSION);
        // a network is built before it computes, and never inside a gradient collector: choose the kernels now
        Numerics.ensureChosen();
        this.filters = filters;
        this.kernel = kernel;
        this.stride = stride;
        this.padding = padding;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .build());
        bias = addParameter(
                Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build());
    }

    /** The tutorial's upsampling step: kernel 4, stride 2, 'same' padding, doubling height and width. */
    public static TransposedConv2d doubling(int filters) {
        return new TransposedConv2d(filters, 4, 2, 1);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(inputShapes[0].get(1), filters, kernel, kernel));
        bias.setShape(new Shape(filters));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(ConvolutionOps.transposedConv2d(input, w, b, stride, padding));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape in = inputShapes[0];
        return new Shape[] {new Shape(in.get(0), filters, outputSide(in.get(2)), outputSide(in.get(3)))};
    }

    private long outputSide(long inputSide) {
        return (inputSide - 1) * stride - 2L * padding + kernel;
    }
}

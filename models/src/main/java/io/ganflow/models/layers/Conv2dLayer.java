package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganflow.models.numerics.Numerics;

/**
 * DJL's {@link Conv2d} (same parameters, metadata and checkpoint bytes) computed by {@link ConvolutionOps#conv2d}, so
 * that the machine's numerics configuration (channel padding) applies to it as to every other convolution.
 */
public final class Conv2dLayer extends Conv2d {

    private Conv2dLayer(Conv2d.Builder builder) {
        super(builder);
        // a network is built before it computes, and never inside a gradient collector: choose the kernels now
        Numerics.ensureChosen();
    }

    /** A square convolution of {@code kernel} taps, {@code stride} and zero {@code padding} on every side. */
    public static Conv2dLayer of(int filters, int kernel, int stride, int padding) {
        return new Conv2dLayer(Conv2d.builder()
                .setFilters(filters)
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding)));
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray input = inputs.singletonOrThrow();
        NDArray w = parameterStore.getValue(weight, input.getDevice(), training);
        NDArray b = parameterStore.getValue(bias, input.getDevice(), training);
        return new NDList(ConvolutionOps.conv2d(input, w, b, (int) stride.get(0), (int) padding.get(0)));
    }
}

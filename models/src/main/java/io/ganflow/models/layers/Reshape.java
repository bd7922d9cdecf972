package io.ganflow.models.layers;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/** Reshapes each example to {@code [channels, height, width]}, keeping the batch axis. */
public final class Reshape extends AbstractBlock {

    private final long channels;
    private final long height;
    private final long width;

    public Reshape(long channels, long height, long width) {
        this.channels = channels;
        this.height = height;
        this.width = width;
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        return new NDList(inputs.singletonOrThrow().reshape(-1, channels, height, width));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), channels, height, width)};
    }
}

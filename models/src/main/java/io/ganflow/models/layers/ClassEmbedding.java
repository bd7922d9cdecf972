package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A learned vector per class: int64 labels [N] to [N, size]. Written as one-hot times the table, which is exact (one
 * non-zero product per output) and creates every array in the caller's scope. DJL's {@code IdEmbedding}, which this
 * replaces with the same parameter bytes, moves the shared table into each caller's scope for the lookup: concurrent
 * passes on one block then released each other's arrays, and its results stayed in the model's manager.
 */
public final class ClassEmbedding extends AbstractBlock {

    private final int classes;
    private final int size;
    private final Parameter table;

    public ClassEmbedding(int classes, int size) {
        this.classes = classes;
        this.size = size;
        this.table = addParameter(Parameter.builder()
                .setName("embedding")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(classes, size))
                .build());
    }

    @Override
    protected NDList forwardInternal(
            ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray labels = inputs.singletonOrThrow();
        NDArray vectors = parameterStore.getValue(table, labels.getDevice(), training);
        return new NDList(labels.oneHot(classes, vectors.getDataType()).matMul(vectors));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].addAll(new Shape(size))};
    }
}

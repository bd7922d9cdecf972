package io.ganflow.models.layers;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/** Small arrays moved to Java to derive inference weights once, exactly, then back in the weights' data type. */
final class HostArrays {

    private HostArrays() {}

    static double[] values(NDArray array) {
        try (NDArray doubles = array.toType(DataType.FLOAT64, true)) {
            return doubles.toDoubleArray();
        }
    }

    static NDArray create(NDManager manager, double[] values, Shape shape, DataType type) {
        NDArray doubles = manager.create(values, shape);
        if (type == DataType.FLOAT64) {
            return doubles;
        }
        try (doubles) {
            return doubles.toType(type, false);
        }
    }
}

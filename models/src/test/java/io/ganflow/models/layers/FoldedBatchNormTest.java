package io.ganflow.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FoldedBatchNormTest {

    private static final float EPSILON = 1e-3f;

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @Test
    void aTransposedConvolutionWithTheNormFoldedInGivesTheNormOfItsOutput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm norm = trainedNorm(manager, 3);
            NDArray input = manager.randomNormal(new Shape(2, 4, 5, 5), DataType.FLOAT64);
            NDArray weight = manager.randomNormal(new Shape(4, 3, 4, 4), DataType.FLOAT64);
            NDArray bias = manager.randomNormal(new Shape(3), DataType.FLOAT64);
            NDArray expected = inference(norm, ConvolutionOps.transposedConv2d(input, weight, bias, 2, 1));

            FoldedBatchNorm folded = FoldedBatchNorm.of(norm, EPSILON, manager);
            NDArray actual = ConvolutionOps.transposedConv2d(input, folded.weight(weight, 1), folded.bias(bias), 2, 1);

            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-9);
        }
    }

    @Test
    void aDenseLayerWithTheNormFoldedInGivesTheNormOfItsOutput() {
        try (NDManager manager = NDManager.newBaseManager()) {
            BatchNorm norm = trainedNorm(manager, 6);
            NDArray input = manager.randomNormal(new Shape(5, 3), DataType.FLOAT64);
            NDArray weight = manager.randomNormal(new Shape(6, 3), DataType.FLOAT64);
            NDArray bias = manager.randomNormal(new Shape(6), DataType.FLOAT64);
            NDArray expected = inference(norm, input.matMul(weight.transpose()).add(bias));

            FoldedBatchNorm folded = FoldedBatchNorm.of(norm, EPSILON, manager);
            NDArray actual = input.matMul(folded.weight(weight, 0).transpose()).add(folded.bias(bias));

            assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-9);
        }
    }

    /** A batch norm with statistics and affine parameters far from their initial values. */
    private static BatchNorm trainedNorm(NDManager manager, int channels) {
        BatchNorm norm = (BatchNorm) BatchNorm.builder().optEpsilon(EPSILON).build();
        norm.initialize(manager, DataType.FLOAT64, new Shape(2, channels));
        norm.getParameters()
                .get("gamma")
                .getArray()
                .set(manager.randomUniform(0.5f, 2f, new Shape(channels))
                        .toType(DataType.FLOAT64, false)
                        .toDoubleArray());
        norm.getParameters().get("beta").getArray().set(randomDoubles(manager, channels));
        norm.getParameters().get("runningMean").getArray().set(randomDoubles(manager, channels));
        norm.getParameters()
                .get("runningVar")
                .getArray()
                .set(manager.randomUniform(0.1f, 3f, new Shape(channels))
                        .toType(DataType.FLOAT64, false)
                        .toDoubleArray());
        return norm;
    }

    private static double[] randomDoubles(NDManager manager, int count) {
        return manager.randomNormal(new Shape(count), DataType.FLOAT64).toDoubleArray();
    }

    private static NDArray inference(BatchNorm norm, NDArray x) {
        return norm.forward(new ParameterStore(x.getManager(), false), new NDList(x), false)
                .singletonOrThrow();
    }
}

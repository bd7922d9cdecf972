package io.ganflow.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransposedConv2dTest {

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @ParameterizedTest(name = "in {0}, out {1}, side {2}, kernel {3}, stride {4}, padding {5}")
    @CsvSource({
        "3, 2, 5, 4, 2, 1",
        "2, 3, 4, 3, 2, 1",
        "2, 2, 3, 5, 3, 2",
        "1, 1, 4, 2, 2, 0",
        "4, 2, 3, 3, 1, 1",
        "129, 8, 7, 4, 2, 1",
        "3, 16, 5, 4, 2, 1",
        "2, 32, 3, 6, 3, 0",
        "129, 128, 3, 4, 2, 1",
    })
    void computesTheTutorialsFirstDefinition(int in, int out, int side, int kernel, int stride, int padding) {
        Random random = new Random(side * 31L + kernel);
        double[][][][] input = randomTensor(random, 2, in, side, side);
        double[][][][] weight = randomTensor(random, in, out, kernel, kernel);
        double[] bias = random.doubles(out, -1, 1).toArray();
        double[][][][] expected = TransposedConvolutionReference.compute(input, weight, bias, stride, padding);

        Map<String, Formulation> formulations = new java.util.LinkedHashMap<>(Map.of(
                "the layer's choice", ConvolutionOps::transposedConv2d,
                "all phases in one convolution", ConvolutionOps::transposedConv2dSubPixel,
                "zero insertion", ConvolutionOps::transposedConv2dByZeroInsertion));
        int outSide = (side - 1) * stride - 2 * padding + kernel;
        if (kernel % stride == 0 && outSide % stride == 0) {
            formulations.put("one convolution per phase", ConvolutionOps::transposedConv2dByPhases);
        }
        formulations.forEach((name, formulation) -> {
            for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
                try (NDManager manager = NDManager.newBaseManager()) {
                    NDArray actual = formulation.apply(
                            toArray(manager, input, type),
                            toArray(manager, weight, type),
                            manager.create(bias).toType(type, false),
                            stride,
                            padding);
                    double tolerance = type == DataType.FLOAT64 ? 1e-9 : 1e-4;
                    assertEquals(new Shape(2, out, expected[0][0].length, expected[0][0][0].length), actual.getShape());
                    assertArrayEquals(
                            flatten(expected),
                            actual.toType(DataType.FLOAT64, false).toDoubleArray(),
                            tolerance * (1 + in * kernel),
                            name + " " + type + " result");
                }
            }
        });
    }

    interface Formulation {
        NDArray apply(NDArray input, NDArray weight, NDArray bias, int stride, int padding);
    }

    @ParameterizedTest(name = "side {0}")
    @CsvSource({"2", "7", "14", "16"})
    void strideTwoWithSamePaddingDoublesHeightAndWidth(int side) {
        try (NDManager manager = NDManager.newBaseManager()) {
            TransposedConv2d layer = TransposedConv2d.doubling(5);
            layer.setInitializer(new NormalInitializer(0.02f), Parameter.Type.WEIGHT);
            Shape input = new Shape(3, 4, side, side);
            layer.initialize(manager, DataType.FLOAT32, input);
            Shape expected = new Shape(3, 5, 2L * side, 2L * side);
            assertEquals(expected, layer.getOutputShapes(new Shape[] {input})[0]);
            NDArray output = layer.forward(
                            new ParameterStore(manager, false),
                            new ai.djl.ndarray.NDList(manager.randomNormal(input)),
                            false)
                    .singletonOrThrow();
            assertEquals(expected, output.getShape());
        }
    }

    private static double[][][][] randomTensor(Random random, int a, int b, int c, int d) {
        double[][][][] t = new double[a][b][c][d];
        for (double[][][] x : t) {
            for (double[][] y : x) {
                for (double[] z : y) {
                    for (int i = 0; i < d; i++) {
                        z[i] = random.nextGaussian();
                    }
                }
            }
        }
        return t;
    }

    private static double[] flatten(double[][][][] t) {
        return java.util.Arrays.stream(t)
                .flatMap(java.util.Arrays::stream)
                .flatMap(java.util.Arrays::stream)
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    private static NDArray toArray(NDManager manager, double[][][][] t, DataType type) {
        Shape shape = new Shape(t.length, t[0].length, t[0][0].length, t[0][0][0].length);
        return manager.create(flatten(t), shape).toType(type, false);
    }
}

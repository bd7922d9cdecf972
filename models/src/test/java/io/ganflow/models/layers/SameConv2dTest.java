package io.ganflow.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The phase formulation of a 'same' convolution against a plain-Java convolution. */
class SameConv2dTest {

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @ParameterizedTest(name = "in {0}, out {1}, side {2}, kernel {3}, phases {4}")
    @CsvSource({
        "128, 1, 28, 7, 4", // the cGAN's output layer
        "4, 3, 12, 3, 4",
        "2, 2, 6, 5, 2",
        "3, 1, 5, 3, 1",
    })
    void computesTheSameAsAPlainConvolution(int in, int out, int side, int kernel, int phases) {
        Random random = new Random(in * 31L + side);
        int batch = 2;
        double[] input = random.doubles((long) batch * in * side * side, -1, 1).toArray();
        double[] weight =
                random.doubles((long) out * in * kernel * kernel, -1, 1).toArray();
        double[] bias = random.doubles(out, -1, 1).toArray();
        double[] expected = plainSameConvolution(input, weight, bias, batch, in, out, side, kernel);
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray actual = ConvolutionOps.sameConv2dByPhases(
                        manager.create(input, new Shape(batch, in, side, side)).toType(type, false),
                        manager.create(weight, new Shape(out, in, kernel, kernel))
                                .toType(type, false),
                        manager.create(bias).toType(type, false),
                        phases);
                assertEquals(new Shape(batch, out, side, side), actual.getShape());
                double tolerance = (type == DataType.FLOAT64 ? 1e-9 : 1e-4) * (1 + in * kernel);
                assertArrayEquals(
                        expected, actual.toType(DataType.FLOAT64, false).toDoubleArray(), tolerance, type.toString());
            }
        }
    }

    @Test
    void theLayerKeepsShapeAndRefusesWhatItCannotCompute() {
        try (NDManager manager = NDManager.newBaseManager()) {
            SameConv2d layer = new SameConv2d(1, 7, 4);
            Shape input = new Shape(3, 128, 28, 28);
            layer.initialize(manager, DataType.FLOAT32, input);
            NDArray output = layer.forward(
                            new ParameterStore(manager, false), new NDList(manager.randomNormal(input)), false)
                    .singletonOrThrow();
            assertEquals(new Shape(3, 1, 28, 28), output.getShape());
            assertEquals(output.getShape(), layer.getOutputShapes(new Shape[] {input})[0]);

            NDArray notDivisible = manager.randomNormal(new Shape(1, 2, 6, 6));
            NDArray weight = manager.randomNormal(new Shape(1, 2, 3, 3));
            assertThrows(
                    IllegalArgumentException.class,
                    () -> ConvolutionOps.sameConv2dByPhases(notDivisible, weight, null, 4));
        }
        assertThrows(IllegalArgumentException.class, () -> new SameConv2d(1, 4, 2));
    }

    /** out[n][o][y][x] = bias[o] + sum over c, u, v of in[n][c][y + u - k/2][x + v - k/2] * w[o][c][u][v]. */
    private static double[] plainSameConvolution(
            double[] input, double[] weight, double[] bias, int batch, int in, int out, int side, int kernel) {
        double[] result = new double[batch * out * side * side];
        int half = kernel / 2;
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < out; o++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        double sum = bias[o];
                        for (int c = 0; c < in; c++) {
                            for (int u = 0; u < kernel; u++) {
                                for (int v = 0; v < kernel; v++) {
                                    int iy = y + u - half;
                                    int ix = x + v - half;
                                    if (iy >= 0 && iy < side && ix >= 0 && ix < side) {
                                        sum += input[((n * in + c) * side + iy) * side + ix]
                                                * weight[((o * in + c) * kernel + u) * kernel + v];
                                    }
                                }
                            }
                        }
                        result[((n * out + o) * side + y) * side + x] = sum;
                    }
                }
            }
        }
        return result;
    }
}

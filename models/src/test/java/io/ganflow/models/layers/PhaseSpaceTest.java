package io.ganflow.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Phase-space forms in float64 against the plain layers they replace at inference. */
class PhaseSpaceTest {

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @ParameterizedTest(name = "in {0}, out {1}, side {2}, kernel {3}, stride {4}, padding {5}")
    @CsvSource({
        "3, 2, 5, 4, 2, 1", // the models' doubling layer
        "129, 16, 7, 4, 2, 1",
        "5, 4, 14, 4, 2, 1",
        "2, 3, 4, 6, 3, 0",
        "2, 2, 6, 2, 2, 0",
        "3, 2, 5, 8, 2, 3",
    })
    void phasesOfATransposedConvolutionAreItsInterleavedSubGrids(
            int in, int out, int side, int kernel, int stride, int padding) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(new Shape(2, in, side, side), DataType.FLOAT64);
            NDArray weight = manager.randomNormal(new Shape(in, out, kernel, kernel), DataType.FLOAT64);
            NDArray bias = manager.randomNormal(new Shape(out), DataType.FLOAT64);
            NDArray expected = ConvolutionOps.transposedConv2dByZeroInsertion(input, weight, bias, stride, padding);

            NDList phases = PhaseSpace.transposedConvolution(weight, bias, stride, padding, side, manager)
                    .phases(input);

            assertEquals(stride * stride, phases.size());
            assertClose(expected, interleave(phases, stride));
        }
    }

    @ParameterizedTest(name = "in {0}, out {1}, side {2}, kernel {3}, input phases {4}, output phases {5}")
    @CsvSource({
        "128, 1, 28, 7, 2, 4", // the cGAN's output layer after its last doubling
        "3, 1, 8, 3, 2, 2",
        "4, 2, 16, 5, 2, 4",
        "2, 3, 12, 7, 2, 2",
        "2, 1, 12, 5, 3, 3",
    })
    void aSameConvolutionReadsThePhasesDirectly(
            int in, int out, int side, int kernel, int inputPhases, int outputPhases) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray image = manager.randomNormal(new Shape(2, in, side, side), DataType.FLOAT64);
            NDArray weight = manager.randomNormal(new Shape(out, in, kernel, kernel), DataType.FLOAT64);
            NDArray bias = manager.randomNormal(new Shape(out), DataType.FLOAT64);
            NDArray expected = ConvolutionOps.conv2d(image, weight, bias, 1, (kernel - 1) / 2);

            NDArray actual = PhaseSpace.sameConvolution(weight, bias, inputPhases, outputPhases, manager)
                    .apply(subGrids(image, inputPhases));

            assertClose(expected, actual);
        }
    }

    @Test
    void theCganOutputStageInFloat32StaysWithinRoundingOfFloat64() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(new Shape(8, 128, 14, 14), DataType.FLOAT64)
                    .getNDArrayInternal()
                    .relu();
            NDArray upsample = manager.randomNormal(0, 0.02f, new Shape(128, 128, 4, 4), DataType.FLOAT64);
            NDArray output = manager.randomNormal(0, 0.02f, new Shape(1, 128, 7, 7), DataType.FLOAT64);
            NDArray expected64 = stage(manager, input, upsample, output);

            NDArray actual32 = stage(
                    manager,
                    input.toType(DataType.FLOAT32, false),
                    upsample.toType(DataType.FLOAT32, false),
                    output.toType(DataType.FLOAT32, false));

            double scale = expected64.abs().max().getDouble();
            double error = actual32.toType(DataType.FLOAT64, false)
                    .sub(expected64)
                    .abs()
                    .max()
                    .getDouble();
            assertEquals(0, error / scale, 1e-4);
        }
    }

    private static NDArray stage(NDManager manager, NDArray input, NDArray upsample, NDArray output) {
        NDList phases = new NDList();
        for (NDArray phase : PhaseSpace.transposedConvolution(upsample, null, 2, 1, 14, manager)
                .phases(input)) {
            phases.add(phase.getNDArrayInternal().relu());
        }
        return PhaseSpace.sameConvolution(output, null, 2, 4, manager).apply(phases);
    }

    /** Phase (ry, rx) of an image: pixels (s * i + ry, s * j + rx), in order ry * s + rx. */
    private static NDList subGrids(NDArray image, int stride) {
        Shape shape = image.getShape();
        long side = shape.get(2) / stride;
        NDArray split = image.reshape(shape.get(0), shape.get(1), side, stride, side, stride)
                .transpose(3, 5, 0, 1, 2, 4);
        NDList grids = new NDList();
        for (int ry = 0; ry < stride; ry++) {
            for (int rx = 0; rx < stride; rx++) {
                grids.add(split.get(ry, rx));
            }
        }
        return grids;
    }

    private static NDArray interleave(NDList phases, int stride) {
        Shape shape = phases.get(0).getShape();
        long n = shape.get(0);
        long channels = shape.get(1);
        long side = shape.get(2);
        return NDArrays.stack(phases, 0)
                .reshape(stride, stride, n, channels, side, side)
                .transpose(2, 3, 4, 0, 5, 1)
                .reshape(n, channels, side * stride, side * stride);
    }

    private static void assertClose(NDArray expected, NDArray actual) {
        assertEquals(expected.getShape(), actual.getShape());
        assertArrayEquals(expected.toDoubleArray(), actual.toDoubleArray(), 1e-9);
    }
}

package io.ganflow.models.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganflow.models.layers.Conv2dLayer;
import io.ganflow.models.layers.Torch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The float64 check on real layers with faults injected into their float32 results, as libtorch's were on some
 * machines: values a little off, NaN, results that differ from one run to the next. Each is found, and kernels that
 * show one are never chosen.
 */
class InjectedFaultTest {

    enum Fault {
        PERTURBED,
        NAN,
        /** Right on the first run, wrong on the second: memory read that was never written. */
        DIFFERS_RUN_TO_RUN
    }

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    /** After a convolution: passes float64 through, and float32 with the fault (when one is set). */
    private static final class InjectedFault extends AbstractBlock {
        private final Fault fault;
        private int float32Runs;

        InjectedFault(Fault fault) {
            this.fault = fault;
        }

        @Override
        protected NDList forwardInternal(
                ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            if (fault == null || x.getDataType() != DataType.FLOAT32) {
                return new NDList(x.mul(1.0));
            }
            float32Runs++;
            return new NDList(
                    switch (fault) {
                        case PERTURBED -> x.mul(1.01f);
                        case NAN -> {
                            NDArray wrong = x.mul(1.0f);
                            wrong.set(new NDIndex("0, 0, 0, 0"), Float.NaN);
                            yield wrong;
                        }
                        case DIFFERS_RUN_TO_RUN ->
                            float32Runs % 2 == 0 ? x.add(x.abs().max().mul(0.01f)) : x.mul(1.0f);
                    });
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    private static List<String> check(Fault fault) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList input =
                    new NDList(manager.randomNormal(new Shape(4, 3, 8, 8)).toType(DataType.FLOAT64, false));
            return PrecisionCheck.layers(
                    manager,
                    "test network",
                    () -> new SequentialBlock().add(Conv2dLayer.of(16, 3, 2, 1)).add(new InjectedFault(fault)),
                    input);
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void theCheckFindsTheFaultAndNamesTheLayer(Fault fault) {
        assertTrue(check(null).isEmpty(), "without a fault every layer agrees: " + check(null));
        List<String> found = check(fault);
        assertFalse(found.isEmpty(), fault + " was not found");
        assertTrue(found.get(0).startsWith("test network layer 2 (InjectedFault"), found.get(0));
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void kernelsThatShowTheFaultAreNeverChosenEvenWhenFastest(Fault fault) {
        NumericsSelection.Machine machine = new NumericsSelection.Machine() {
            ConvolutionKernels inUse;

            @Override
            public void use(ConvolutionKernels kernels) {
                inUse = kernels;
            }

            @Override
            public List<String> disagreements() {
                return check(inUse == ConvolutionKernels.VENDOR ? fault : null);
            }

            @Override
            public double trainingImagesPerSecond() {
                return inUse == ConvolutionKernels.VENDOR ? 1000 : 100;
            }
        };
        NumericsSelection.Choice choice = new NumericsSelection(
                        machine, List.of(ConvolutionKernels.VENDOR, ConvolutionKernels.VENDOR_PADDED))
                .choose();
        assertNotEquals(ConvolutionKernels.VENDOR, choice.kernels());
        assertEquals(
                NumericsSelection.Trial.Verdict.WRONG, choice.trials().get(0).verdict());
    }
}

package io.ganflow.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.numerics.PrecisionCheck;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layer of both networks of every model, forward and backward, and each model's inference form, float32
 * against float64 (PrecisionCheck), as the services compute them: with the convolution kernels this machine chooses
 * ({@code Numerics}, made when the first network is built).
 */
class LayerPrecisionTest {

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    static Stream<Arguments> networks() {
        return GanModels.ALL.stream()
                .flatMap(model -> Stream.of(
                        Arguments.of(model.descriptor().name(), "generator"),
                        Arguments.of(model.descriptor().name(), "discriminator")));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("networks")
    void everyLayerAgreesWithFloat64(String modelName, String network) {
        List<String> disagreements = PrecisionCheck.network(GanModels.named(modelName), network.equals("generator"));
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modelNames")
    void theInferenceFormInFloat32AgreesWithTheNetworkInFloat64(String modelName) {
        List<String> disagreements = PrecisionCheck.inferenceForm(GanModels.named(modelName));
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }

    @ParameterizedTest(name = "{0}x{1}x{1}")
    @CsvSource({"1, 28", "3, 32"})
    void everyLayerOfTheReferenceClassifierAgreesWithFloat64(int channels, int side) {
        List<String> disagreements = PrecisionCheck.classifier(new ClassifierShape(channels, side, 10));
        assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
    }

    static Stream<String> modelNames() {
        return GanModels.ALL.stream().map(model -> model.descriptor().name());
    }

    @Test
    void aMaxPoolIsNotBlamedForValuesThatOnlyFloat64CanTellApart() {
        try (NDManager manager = NDManager.newBaseManager()) {
            // two 2x2 windows (the check weighs the first output by 0); in the second, the two largest values
            // round to the same float32, and only float64 sees that the second is larger
            double[] windows = {0.5, -0.5, 1.0, 1.0 + 1e-12, 0.25, 0.5, -0.5, 0.25};
            NDList input = new NDList(manager.create(windows, new Shape(1, 1, 2, 4)));
            List<String> disagreements =
                    PrecisionCheck.layers(manager, "test network", () -> Pool.maxPool2dBlock(new Shape(2, 2)), input);
            assertTrue(disagreements.isEmpty(), String.join("\n", disagreements));
        }
    }

    /** A layer that computes float32 a little wrongly, as the bundled libtorch did. */
    private static final class WrongInFloat32 extends AbstractBlock {
        @Override
        protected NDList forwardInternal(
                ParameterStore parameters, NDList inputs, boolean training, PairList<String, Object> params) {
            NDArray x = inputs.singletonOrThrow();
            return new NDList(x.getDataType() == DataType.FLOAT32 ? x.mul(1.01f) : x.mul(1.0));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    @Test
    void aLayerThatIsWrongInFloat32IsNamed() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList input = new NDList(manager.randomNormal(new Shape(4, 6)).toType(DataType.FLOAT64, false));
            List<String> disagreements = PrecisionCheck.layers(
                    manager,
                    "test network",
                    () -> new SequentialBlock()
                            .add(Linear.builder().setUnits(5).build())
                            .add(new WrongInFloat32()),
                    input);
            assertEquals(2, disagreements.size(), String.join("\n", disagreements));
            assertTrue(disagreements.get(0).startsWith("test network layer 2 (WrongInFloat32"), disagreements.get(0));
        }
    }
}

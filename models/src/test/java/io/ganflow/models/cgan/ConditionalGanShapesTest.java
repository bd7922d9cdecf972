package io.ganflow.models.cgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganflow.models.layers.LayerShapes;
import io.ganflow.models.layers.Torch;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every layer's output shape, as DESIGN.md gives the tutorial's conditional GAN. */
class ConditionalGanShapesTest {

    private static final int N = 4;

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @Test
    void generatorLayersHaveTheTutorialsShapes() {
        List<Shape> expected = List.of(
                // noise: z (100) -> Dense 7*7*128 -> reshape 7x7x128
                new Shape(N, 6272),
                new Shape(N, 6272),
                new Shape(N, 6272),
                new Shape(N, 128, 7, 7),
                // label -> Embedding(10, 50) -> Dense 49 -> reshape 7x7x1
                new Shape(N, 50),
                new Shape(N, 49),
                new Shape(N, 1, 7, 7),
                // concatenated 7x7x129 -> 14x14 -> 28x28 -> 28x28x1, tanh
                new Shape(N, 128, 14, 14),
                new Shape(N, 128, 14, 14),
                new Shape(N, 128, 14, 14),
                new Shape(N, 128, 28, 28),
                new Shape(N, 128, 28, 28),
                new Shape(N, 128, 28, 28),
                new Shape(N, 1, 28, 28),
                new Shape(N, 1, 28, 28));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs =
                    new NDList(manager.randomNormal(new Shape(N, 100)), manager.create(new long[] {0, 3, 7, 9}));
            assertEquals(expected, LayerShapes.shapes(manager, new ConditionalGan().generator(), inputs));
        }
    }

    @Test
    void discriminatorLayersHaveTheTutorialsShapes() {
        List<Shape> expected = List.of(
                new Shape(N, 1, 28, 28), // the image, as it is
                new Shape(N, 50),
                new Shape(N, 784),
                new Shape(N, 1, 28, 28), // label map
                // concatenated 28x28x2 -> 14x14 -> 7x7 -> flatten -> Dense 1
                new Shape(N, 128, 14, 14),
                new Shape(N, 128, 14, 14),
                new Shape(N, 128, 7, 7),
                new Shape(N, 128, 7, 7),
                new Shape(N, 128, 7, 7),
                new Shape(N, 6272),
                new Shape(N, 6272),
                new Shape(N, 1));
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(
                    manager.randomUniform(-1, 1, new Shape(N, 1, 28, 28)), manager.create(new long[] {1, 2, 5, 8}));
            assertEquals(expected, LayerShapes.shapes(manager, new ConditionalGan().discriminator(), inputs));
        }
    }
}

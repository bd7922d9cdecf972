package io.ganflow.models.dcgan;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganflow.models.layers.LayerShapes;
import io.ganflow.models.layers.Torch;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every layer's output shape of the DCGAN families, as DESIGN.md gives the tutorial's DCGAN for CIFAR-10. */
class DcganShapesTest {

    private static final int N = 2;

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    /** 2x2x512 -> 4x4x256 -> 8x8x128 -> 16x16x64 -> 32x32x3, each with batch norm and ReLU but the last (tanh). */
    private static List<Shape> upsampling() {
        List<Shape> shapes = new ArrayList<>();
        int side = 4;
        for (int filters : new int[] {256, 128, 64}) {
            for (int i = 0; i < 3; i++) {
                shapes.add(new Shape(N, filters, side, side));
            }
            side *= 2;
        }
        shapes.add(new Shape(N, 3, 32, 32));
        shapes.add(new Shape(N, 3, 32, 32));
        return shapes;
    }

    /** 16x16x64 -> 8x8x128 -> 4x4x256 -> 2x2x512 (batch norm from the second), flatten 2048, Dense 1. */
    private static List<Shape> downsampling() {
        List<Shape> shapes = new ArrayList<>();
        int side = 16;
        int[] filters = {64, 128, 256, 512};
        for (int i = 0; i < filters.length; i++) {
            for (int layer = 0; layer < (i == 0 ? 2 : 3); layer++) {
                shapes.add(new Shape(N, filters[i], side, side));
            }
            side /= 2;
        }
        shapes.add(new Shape(N, 2048));
        shapes.add(new Shape(N, 1));
        return shapes;
    }

    private static final List<Shape> NOISE_TO_SEED =
            List.of(new Shape(N, 2048), new Shape(N, 2048), new Shape(N, 2048), new Shape(N, 512, 2, 2));

    @Test
    void generatorLayersHaveTheTutorialsShapes() {
        List<Shape> expected = new ArrayList<>(NOISE_TO_SEED);
        expected.addAll(upsampling());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(manager.randomNormal(new Shape(N, 128)));
            assertEquals(expected, LayerShapes.shapes(manager, new Dcgan().generator(), inputs));
        }
    }

    @Test
    void discriminatorLayersHaveTheTutorialsShapes() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(manager.randomUniform(-1, 1, new Shape(N, 3, 32, 32)));
            assertEquals(downsampling(), LayerShapes.shapes(manager, new Dcgan().discriminator(), inputs));
        }
    }

    @Test
    void conditionalGeneratorAddsA2x2LabelMapToTheSeed() {
        List<Shape> expected = new ArrayList<>(NOISE_TO_SEED);
        expected.addAll(List.of(new Shape(N, 50), new Shape(N, 4), new Shape(N, 1, 2, 2)));
        expected.addAll(upsampling());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(manager.randomNormal(new Shape(N, 128)), manager.create(new long[] {3, 9}));
            assertEquals(expected, LayerShapes.shapes(manager, new ConditionalDcgan().generator(), inputs));
        }
    }

    @Test
    void conditionalDiscriminatorAddsA32x32LabelChannel() {
        List<Shape> expected = new ArrayList<>(
                List.of(new Shape(N, 3, 32, 32), new Shape(N, 50), new Shape(N, 1024), new Shape(N, 1, 32, 32)));
        expected.addAll(downsampling());
        try (NDManager manager = NDManager.newBaseManager()) {
            NDList inputs = new NDList(
                    manager.randomUniform(-1, 1, new Shape(N, 3, 32, 32)), manager.create(new long[] {0, 5}));
            assertEquals(expected, LayerShapes.shapes(manager, new ConditionalDcgan().discriminator(), inputs));
        }
    }
}

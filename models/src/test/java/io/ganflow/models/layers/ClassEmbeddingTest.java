package io.ganflow.models.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import io.ganflow.models.training.BlockBytes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ClassEmbeddingTest {

    private static final long[] LABELS = {3, 0, 3, 9};

    @BeforeAll
    static void engine() {
        Torch.disableGradientsOnThisThread();
    }

    @Test
    void readsParametersSavedByDjlsIdEmbeddingAndLooksUpTheSameVectors() {
        try (NDManager manager = NDManager.newBaseManager()) {
            IdEmbedding old = new IdEmbedding.Builder()
                    .setDictionarySize(10)
                    .setEmbeddingSize(5)
                    .build();
            old.initialize(manager, DataType.FLOAT32, new Shape(4));
            ClassEmbedding embedding = new ClassEmbedding(10, 5);
            BlockBytes.load(embedding, manager, BlockBytes.save(old));
            ParameterStore parameters = new ParameterStore(manager, false);

            NDArray labels = manager.create(LABELS);
            float[] expected = old.forward(parameters, new NDList(labels), false)
                    .singletonOrThrow()
                    .toFloatArray();
            NDArray actual =
                    embedding.forward(parameters, new NDList(labels), false).singletonOrThrow();

            assertEquals(new Shape(4, 5), actual.getShape());
            assertArrayEquals(expected, actual.toFloatArray(), 0f);
            assertArrayEquals(BlockBytes.save(old), BlockBytes.save(embedding));
        }
    }

    @Test
    void eachClassRowLearnsFromTheExamplesOfThatClassOnly() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassEmbedding embedding = new ClassEmbedding(10, 2);
            embedding.initialize(manager, DataType.FLOAT32, new Shape(4));
            ParameterStore parameters = new ParameterStore(manager, false);
            NDArray upstream = manager.create(new float[] {1, 2, 10, 20, 100, 200, 1000, 2000}, new Shape(4, 2));
            NDArray table = embedding.getParameters().get("embedding").getArray();
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray vectors = embedding
                        .forward(parameters, new NDList(manager.create(LABELS)), true)
                        .singletonOrThrow();
                collector.backward(vectors.mul(upstream).sum());
            }
            float[] gradient = table.getGradient().toFloatArray();
            float[] expected = new float[20];
            expected[3 * 2] = 1 + 100; // rows 0 and 2 are class 3
            expected[3 * 2 + 1] = 2 + 200;
            expected[0] = 10;
            expected[1] = 20;
            expected[9 * 2] = 1000;
            expected[9 * 2 + 1] = 2000;
            assertArrayEquals(expected, gradient, 0f);
        }
    }

    @Test
    void leavesNoArraysBehindInTheModelsManager() {
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassEmbedding embedding = new ClassEmbedding(10, 5);
            embedding.initialize(manager, DataType.FLOAT32, new Shape(4));
            ParameterStore parameters = new ParameterStore(manager, false);
            int before = manager.getManagedArrays().size();
            for (int i = 0; i < 3; i++) {
                try (NDManager request = manager.newSubManager()) {
                    embedding.forward(parameters, new NDList(request.create(LABELS)), false);
                }
            }
            assertEquals(before, manager.getManagedArrays().size());
        }
    }
}

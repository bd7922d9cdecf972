package io.ganflow.models.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.RunSpec;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.image.SampleGrid;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.BlockBytes;
import io.ganflow.models.training.ImageGeneration;
import io.ganflow.models.training.Noise;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class LoadedGeneratorTest {

    /**
     * What micro-batching rests on: images generated inside one pass with others, at any position, are the bytes
     * the same noise and labels give alone. (The concurrent test below cannot see how its requests were combined.)
     */
    @Test
    void anImageDoesNotDependOnWhatSharesItsPass() {
        Torch.disableGradientsOnThisThread();
        RunSpec spec = RunSpec.defaults("shared");
        GanModel model = GanModels.named(spec.model());
        int latent = spec.latentSize();
        int imageBytes = 28 * 28;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = model.generator();
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, latent));
            InferenceGenerator inference =
                    model.inferenceGenerator(generator, new ParameterStore(manager, false), manager);
            long[] labels = SampleGrid.ofClass(7, 20);
            float[] noise = Noise.gaussian(42, 20, latent);
            byte[] alone = ImageGeneration.generate(inference, manager, latent, labels, noise);
            // the same 20 images at position 30 of a full serving pass, between images of other classes
            int passSize = model.imagesPerServingPass();
            long[] passLabels = new long[passSize];
            float[] passNoise = Noise.gaussian(7, passSize, latent);
            for (int i = 0; i < passSize; i++) {
                passLabels[i] = i % 10;
            }
            System.arraycopy(labels, 0, passLabels, 30, 20);
            System.arraycopy(noise, 0, passNoise, 30 * latent, 20 * latent);

            byte[] shared = ImageGeneration.generate(inference, manager, latent, passLabels, passNoise);

            assertArrayEquals(alone, Arrays.copyOfRange(shared, 30 * imageBytes, 50 * imageBytes));
        }
    }

    /** What makes ETags honest: a request's images do not depend on the requests it shared passes with. */
    @Test
    void concurrentRequestsGetTheSameImagesAsTheSameRequestsAlone() throws Exception {
        Torch.disableGradientsOnThisThread();
        RunSpec spec = RunSpec.defaults("served");
        GanModel model = GanModels.named(spec.model());
        byte[] parameters;
        try (NDManager manager = NDManager.newBaseManager()) {
            Block generator = model.generator();
            generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, spec.latentSize()));
            parameters = BlockBytes.save(generator);
        }
        int requests = 12;
        try (LoadedGenerator generator = LoadedGenerator.load(spec, 10, parameters)) {
            List<byte[]> alone = new ArrayList<>();
            for (int r = 0; r < requests; r++) {
                alone.add(generator.generate(SampleGrid.ofClass(r % 10, 5 + 7 * r), r));
            }
            ExecutorService callers = Executors.newFixedThreadPool(requests);
            try {
                List<Future<byte[]>> together = new ArrayList<>();
                for (int r = 0; r < requests; r++) {
                    int request = r;
                    together.add(callers.submit(
                            () -> generator.generate(SampleGrid.ofClass(request % 10, 5 + 7 * request), request)));
                }
                for (int r = 0; r < requests; r++) {
                    assertArrayEquals(alone.get(r), together.get(r).get(), "request " + r);
                }
            } finally {
                callers.shutdownNow();
            }
        }
    }
}

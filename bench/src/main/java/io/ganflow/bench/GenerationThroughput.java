package io.ganflow.bench;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModel;
import io.ganflow.models.GanModels;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.ImageGeneration;
import io.ganflow.models.training.Noise;
import java.util.Locale;

/**
 * Generated images per second of each model's generator alone (inference, no HTTP, no PNG) by forward-pass size:
 * what micro-batching concurrent requests into one pass can gain on this machine. Prints one line per figure.
 *
 * <p>Run: {@code ./mvnw -q -pl bench exec:java -Dbench.main=io.ganflow.bench.GenerationThroughput} (arguments:
 * model names, default all).
 */
public final class GenerationThroughput {

    private static final int[] PASS_SIZES = {1, 10, 25, 50, 64, 100, 128, 200, 256, 400};

    private GenerationThroughput() {}

    public static void main(String[] args) {
        Torch.disableGradientsOnThisThread();
        for (String name : args.length > 0
                ? java.util.List.of(args)
                : GanModels.ALL.stream().map(m -> m.descriptor().name()).toList()) {
            GanModel model = GanModels.named(name);
            int latent = model.descriptor().defaultLatentSize();
            try (NDManager manager = NDManager.newBaseManager()) {
                Block generator = model.generator();
                generator.initialize(manager, DataType.FLOAT32, model.generatorInputShapes(1, latent));
                ParameterStore parameters = new ParameterStore(manager, false);
                measure(name + " layers", InferenceGenerator.layers(model, generator, parameters), manager, latent);
                measure(name + " inference", model.inferenceGenerator(generator, parameters, manager), manager, latent);
            }
        }
    }

    private static void measure(String name, InferenceGenerator inference, NDManager manager, int latent) {
        for (int size : PASS_SIZES) {
            long[] labels = Noise.labels(size, size, Catalog.CONDITIONAL_CLASSES);
            int passes = Math.max(3, 1600 / size);
            for (int warmUp = 0; warmUp < 2; warmUp++) {
                ImageGeneration.generate(inference, manager, latent, labels, warmUp);
            }
            long started = System.nanoTime();
            for (int pass = 0; pass < passes; pass++) {
                ImageGeneration.generate(inference, manager, latent, labels, pass);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "generate %-30s pass of %3d: %7.1f ms per pass, %7.1f img/s%n",
                    name,
                    size,
                    seconds * 1000 / passes,
                    passes * size / seconds);
        }
    }
}

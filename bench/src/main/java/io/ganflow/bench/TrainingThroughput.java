package io.ganflow.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.ganflow.events.Catalog;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.models.layers.ConvolutionOps;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.RunTrainings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Training images per second for each model family at batch 64 and 128 on this machine, and the three formulations
 * of transposed convolution on the cGAN's largest layer. Prints one line per figure.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench exec:java}
 * (arguments: {@code -Dexec.args="steps"}, default 12 timed steps after 3 warm-up steps).
 */
public final class TrainingThroughput {

    private TrainingThroughput() {}

    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 12;
        Torch.disableGradientsOnThisThread();
        System.out.printf(
                Locale.ROOT,
                "engine %s, %d intra-op threads%n",
                Engine.getInstance().getVersion(),
                Runtime.getRuntime().availableProcessors());
        transposedConvolutions();
        for (String model : Catalog.modelNames()) {
            for (int batch : new int[] {64, 128}) {
                System.out.printf(
                        Locale.ROOT,
                        "train %-20s batch %3d: %7.1f img/s%n",
                        model,
                        batch,
                        imagesPerSecond(model, batch, steps));
            }
        }
    }

    private static double imagesPerSecond(String modelName, int batchSize, int steps) {
        Catalog.Model model = Catalog.model(modelName).orElseThrow();
        RunSpec spec = new RunSpec(
                "bench",
                modelName,
                model.defaultDataset(),
                1,
                batchSize,
                2e-4,
                0.5,
                0.999,
                model.defaultLatentSize(),
                100,
                10,
                1L,
                0);
        ImageBatch batch = randomBatch(model, batchSize);
        try (RunTraining training = RunTrainings.start(spec)) {
            for (int step = 0; step < 3; step++) {
                training.step(batch, step);
            }
            long started = System.nanoTime();
            for (int step = 3; step < 3 + steps; step++) {
                training.step(batch, step);
            }
            return steps * (double) batchSize / ((System.nanoTime() - started) / 1e9);
        }
    }

    /** The cGAN's 14x14x128 -> 28x28x128 layer at batch 128, forward and backward, both formulations. */
    private static void transposedConvolutions() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray input = manager.randomNormal(new Shape(128, 128, 14, 14));
            NDArray weight =
                    manager.randomNormal(0, 0.02f, new Shape(128, 128, 4, 4), ai.djl.ndarray.types.DataType.FLOAT32);
            NDArray bias = manager.zeros(new Shape(128));
            weight.setRequiresGradient(true);
            input.setRequiresGradient(true);
            Map<String, Formulation> formulations = new LinkedHashMap<>();
            formulations.put("per phase", ConvolutionOps::transposedConv2dByPhases);
            formulations.put("all phases in one", ConvolutionOps::transposedConv2dSubPixel);
            formulations.put("zero insertion", ConvolutionOps::transposedConv2dByZeroInsertion);
            for (Map.Entry<String, Formulation> formulation : formulations.entrySet()) {
                String name = formulation.getKey();
                double millis = 0;
                for (int run = 0; run < 8; run++) {
                    long started = System.nanoTime();
                    try (NDManager scope = manager.newSubManager();
                            GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        scope.tempAttachAll(input, weight, bias);
                        NDArray out = formulation.getValue().apply(input, weight, bias, 2, 1);
                        collector.backward(out.sum());
                    }
                    if (run >= 3) {
                        millis += (System.nanoTime() - started) / 1e6;
                    }
                }
                System.out.printf(
                        Locale.ROOT,
                        "transposed conv %-17s 128x128x14x14 -> 28x28, fwd+bwd: %6.1f ms%n",
                        name,
                        millis / 5);
            }
        }
    }

    private interface Formulation {
        NDArray apply(NDArray input, NDArray weight, NDArray bias, int stride, int padding);
    }

    private static ImageBatch randomBatch(Catalog.Model model, int batchSize) {
        Random random = new Random(1);
        int[] labels = random.ints(batchSize, 0, 10).toArray();
        byte[] pixels = new byte[batchSize * model.channels() * model.side() * model.side()];
        random.nextBytes(pixels);
        return new ImageBatch("bench", 0, 0, 1, model.channels(), model.side(), model.side(), labels, pixels);
    }
}

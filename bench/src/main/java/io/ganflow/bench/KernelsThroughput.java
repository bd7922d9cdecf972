package io.ganflow.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganflow.events.Catalog;
import io.ganflow.models.GanModels;
import io.ganflow.models.layers.Torch;
import io.ganflow.models.numerics.ConvolutionKernels;
import io.ganflow.models.numerics.Numerics;
import io.ganflow.models.numerics.NumericsReport;
import io.ganflow.models.numerics.PrecisionCheck;
import io.ganflow.models.numerics.TorchContext;
import io.ganflow.models.numerics.TrainingSpeed;
import java.util.List;
import java.util.Locale;

/**
 * Training images per second of each GAN under each way of computing convolutions, whether each agrees with float64
 * here, and which this machine chooses; beside the float32 matrix-multiply peak measured in the same run, and the
 * share of it each model reaches (its arithmetic per training image, {@link ModelFlops}). With
 * {@code -Dganflow.numerics.simulate-fault=onednn-cache-topology}, the same on a machine with oneDNN's fault.
 *
 * <p>Run: {@code ./mvnw -q -pl bench -am install -DskipTests && ./mvnw -q -pl bench exec:java
 * -Dbench.main=io.ganflow.bench.KernelsThroughput} (arguments: batch size, timed steps; default 128 8)
 */
public final class KernelsThroughput {

    private KernelsThroughput() {}

    public static void main(String[] args) {
        int batch = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Torch.disableGradientsOnThisThread();
        NumericsReport chosen = Numerics.current();
        System.out.println(chosen.logLine());
        double peak = sgemmPeak(2048, 10);
        System.out.printf(
                Locale.ROOT,
                "sgemm peak (2048x2048 float32 matMul, %d threads): %.1f GFLOP/s%n",
                Runtime.getRuntime().availableProcessors(),
                peak / 1e9);
        List<Catalog.Model> gans = Catalog.modelNames().stream()
                .map(name -> Catalog.model(name).orElseThrow())
                .filter(Catalog.Model::isGan)
                .toList();
        double[] flops = new double[gans.size()];
        for (int i = 0; i < gans.size(); i++) {
            flops[i] = ModelFlops.perTrainingImage(GanModels.named(gans.get(i).name()));
            System.out.printf(
                    Locale.ROOT,
                    "%-20s %.1f MFLOP per training image%n",
                    gans.get(i).name(),
                    flops[i] / 1e6);
        }
        TorchContext torch = TorchContext.ofLoadedEngine().orElseThrow();
        boolean gpu = Engine.getInstance().defaultDevice().isGpu();
        System.out.printf(Locale.ROOT, "batch %d, %d timed steps after one untimed%n", batch, steps);
        for (ConvolutionKernels kernels : ConvolutionKernels.values()) {
            kernels.apply(torch, gpu);
            int wrong = PrecisionCheck.everything().size();
            StringBuilder line = new StringBuilder(String.format(
                    Locale.ROOT,
                    "%-14s %-6s%s",
                    kernels.id(),
                    wrong == 0 ? "right" : "WRONG",
                    kernels == chosen.kernels() ? " (chosen)" : "         "));
            for (int i = 0; i < gans.size(); i++) {
                double seconds = new TrainingSpeed(batch, steps).meanStepSeconds(gans.get(i));
                double imagesPerSecond = batch / seconds;
                line.append(String.format(
                        Locale.ROOT,
                        "  %s %6.1f img/s %5.1f%%",
                        gans.get(i).name(),
                        imagesPerSecond,
                        100 * imagesPerSecond * flops[i] / peak));
            }
            System.out.println(line);
        }
        chosen.kernels().apply(torch, gpu);
    }

    /** The best of {@code runs} float32 n x n matrix products, in FLOP/s. */
    static double sgemmPeak(int n, int runs) {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(n, n));
            NDArray b = manager.randomUniform(-1, 1, new Shape(n, n));
            double best = Double.MAX_VALUE;
            for (int run = 0; run < runs; run++) {
                try (NDManager scope = manager.newSubManager()) {
                    long started = System.nanoTime();
                    NDArray c = a.matMul(b);
                    c.attach(scope);
                    c.get(0, 0).getFloat(); // the product is computed before the clock stops
                    best = Math.min(best, (System.nanoTime() - started) / 1e9);
                }
            }
            return 2.0 * n * n * n / best;
        }
    }
}

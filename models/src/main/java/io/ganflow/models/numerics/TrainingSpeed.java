package io.ganflow.models.numerics;

import io.ganflow.events.Catalog;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.RunTrainings;
import java.util.Random;

/**
 * Training images per second of every GAN family with the convolution kernels in use: what decides between kernels
 * that are all right. A short measurement (an untimed step, then the fastest of a few timed ones per family, which
 * shrugs off a busy moment), enough to tell apart candidates that differ by tens of per cent (NumericsSelection's
 * margin); the bench's KernelsThroughput measures longer.
 */
public final class TrainingSpeed {

    private final int batchSize;
    private final int timedSteps;

    public TrainingSpeed(int batchSize, int timedSteps) {
        this.batchSize = batchSize;
        this.timedSteps = timedSteps;
    }

    /** All GAN families together: their images over their summed time. */
    public double imagesPerSecond() {
        double seconds = 0;
        int images = 0;
        for (String name : Catalog.modelNames()) {
            Catalog.Model family = Catalog.model(name).orElseThrow();
            if (family.isGan()) {
                seconds += fastestStepSeconds(family);
                images += batchSize;
            }
        }
        return images / seconds;
    }

    /** Seconds of the fastest timed training step of {@code family}, after one untimed step. */
    public double fastestStepSeconds(Catalog.Model family) {
        ImageBatch batch = randomBatch(family);
        try (RunTraining training = RunTrainings.start(spec(family))) {
            training.step(batch, 0);
            long fastest = Long.MAX_VALUE;
            for (int step = 1; step <= timedSteps; step++) {
                long started = System.nanoTime();
                training.step(batch, step);
                fastest = Math.min(fastest, System.nanoTime() - started);
            }
            return fastest / 1e9;
        }
    }

    private RunSpec spec(Catalog.Model family) {
        return new RunSpec(
                "numerics-speed",
                family.name(),
                family.defaultDataset(),
                1,
                batchSize,
                2e-4,
                0.5,
                0.999,
                family.defaultLatentSize(),
                100,
                10,
                1L,
                0);
    }

    /** Mean seconds of {@code timedSteps} training steps of {@code family} in a row, after one untimed step. */
    public double meanStepSeconds(Catalog.Model family) {
        try (RunTraining training = RunTrainings.start(spec(family))) {
            ImageBatch batch = randomBatch(family);
            training.step(batch, 0);
            long started = System.nanoTime();
            for (int step = 1; step <= timedSteps; step++) {
                training.step(batch, step);
            }
            return (System.nanoTime() - started) / 1e9 / timedSteps;
        }
    }

    private ImageBatch randomBatch(Catalog.Model family) {
        Random random = new Random(1);
        int[] labels = random.ints(batchSize, 0, 10).toArray();
        byte[] pixels = new byte[batchSize * family.channels() * family.side() * family.side()];
        random.nextBytes(pixels);
        return new ImageBatch(
                "numerics-speed", 0, 0, 1, family.channels(), family.side(), family.side(), labels, pixels);
    }
}

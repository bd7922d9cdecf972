package io.ganflow.models.training;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * Latent vectors and class labels from a seed, computed in Java so that they are the same on every machine and
 * engine: the same seed gives the same images on every sampler replica, and a resumed run draws what it would have.
 */
public final class Noise {

    private Noise() {}

    /** A seed for one step of a run, so the random state of a run is just its step number. */
    public static long stepSeed(long runSeed, long step) {
        return new SplittableRandom(runSeed ^ 0x9E3779B97F4A7C15L * (step + 1)).nextLong();
    }

    public static float[] gaussian(long seed, int count, int latentSize) {
        Random random = new Random(seed);
        float[] values = new float[count * latentSize];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    public static long[] labels(long seed, int count, int classes) {
        Random random = new Random(seed ^ 0x5DEECE66DL);
        long[] labels = new long[count];
        for (int i = 0; i < count; i++) {
            labels[i] = random.nextInt(classes);
        }
        return labels;
    }
}

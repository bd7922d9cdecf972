package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Catalog;
import io.ganflow.events.RunSpec;
import io.ganflow.testing.LocalInfrastructure;

/** Run specs for the evaluator's tests. */
public final class TestRuns {

    private TestRuns() {}

    /** A small cGAN run on {@code dataset} with a unique id starting with {@code prefix}. */
    public static RunSpec cgan(String prefix, String dataset) {
        return new RunSpec(
                LocalInfrastructure.unique(prefix),
                RunSpec.CGAN_FASHION_MNIST,
                dataset,
                1,
                16,
                2e-4,
                0.5,
                0.999,
                100,
                2,
                1,
                3L,
                0);
    }

    /** A small unconditional DCGAN run on {@code dataset} (32x32x3 images) with a unique id starting with {@code prefix}. */
    public static RunSpec dcgan(String prefix, String dataset) {
        return new RunSpec(
                LocalInfrastructure.unique(prefix),
                Catalog.DCGAN_CIFAR10.name(),
                dataset,
                1,
                16,
                2e-4,
                0.5,
                0.999,
                Catalog.DCGAN_CIFAR10.defaultLatentSize(),
                2,
                1,
                3L,
                0);
    }
}

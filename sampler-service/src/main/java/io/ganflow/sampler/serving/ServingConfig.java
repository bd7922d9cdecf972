package io.ganflow.sampler.serving;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Bounds on what a sampler keeps and queues (the README's table of bounds names each). */
@ConfigMapping(prefix = "ganflow.sampler")
public interface ServingConfig {

    /**
     * Memory for the generators a sampler keeps loaded, counted as their parameters' bytes (a cGAN generator 4.8
     * MB, measured; a DCGAN's 12.1 MB by its architecture). Past it, the least recently used run's generator is unloaded; a request for that
     * run loads it again from the store.
     */
    @WithDefault("512")
    int generatorBudgetMb();

    /** Passes' worth of images one generator queues before it refuses requests with 503 (16 x 128 for the cGAN). */
    @WithDefault("16")
    int queuedPasses();
}

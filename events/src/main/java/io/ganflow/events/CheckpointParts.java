package io.ganflow.events;

/** The names of a GAN checkpoint's parts in the object store, shared by the trainer that writes and the sampler. */
public final class CheckpointParts {

    public static final String GENERATOR = "generator.params";
    public static final String DISCRIMINATOR = "discriminator.params";
    public static final String GENERATOR_OPTIMIZER = "generator-optimizer.state";
    public static final String DISCRIMINATOR_OPTIMIZER = "discriminator-optimizer.state";
    /** A {@code TrainingState} as JSON: run spec, step, epoch, position in the epoch. */
    public static final String STATE = "training-state.json";
    /** The fixed-noise sample grid, rows = classes. */
    public static final String SAMPLES = "samples.png";

    private CheckpointParts() {}
}

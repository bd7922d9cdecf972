package io.ganflow.events;

/**
 * The names of a checkpoint's parts in the object store, shared by the trainer that writes them and the services that
 * read them. A GAN's checkpoint has both networks and optimisers, a reference classifier's its one network and
 * optimiser; both have the training state.
 */
public final class CheckpointParts {

    public static final String GENERATOR = "generator.params";
    public static final String DISCRIMINATOR = "discriminator.params";
    public static final String GENERATOR_OPTIMIZER = "generator-optimizer.state";
    public static final String DISCRIMINATOR_OPTIMIZER = "discriminator-optimizer.state";
    public static final String CLASSIFIER = "classifier.params";
    public static final String CLASSIFIER_OPTIMIZER = "classifier-optimizer.state";
    /** A {@code TrainingState} as JSON: run spec, step, epoch, position in the epoch. */
    public static final String STATE = "training-state.json";
    /** The fixed-noise sample grid, rows = classes. */
    public static final String SAMPLES = "samples.png";

    private CheckpointParts() {}
}

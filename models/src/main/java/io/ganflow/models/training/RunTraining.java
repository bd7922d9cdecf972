package io.ganflow.models.training;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.TrainingState;
import java.util.Map;

/**
 * A run's networks being trained, of whatever family: a step per batch, and the parts of a checkpoint. Built by
 * {@link RunTrainings}. Not thread-safe: one training thread owns it.
 */
public interface RunTraining extends AutoCloseable {

    /** One step on {@code batch}; {@code step} fixes the step's randomness, so that resuming continues exactly. */
    StepResult step(ImageBatch batch, long step);

    /**
     * What a checkpoint at {@code state} holds besides the state itself, by {@code CheckpointParts} name: every
     * network and optimiser state needed to continue, and for a GAN the sample grid ({@code gridColumns} per class).
     */
    Map<String, byte[]> checkpointParts(TrainingState state, int gridColumns);

    @Override
    void close();
}

package io.ganflow.models.training;

/** The networks' parameters and the optimisers' state, as bytes: the model part of a checkpoint. */
public record TrainingSnapshot(
        byte[] generator, byte[] discriminator, byte[] generatorOptimizer, byte[] discriminatorOptimizer) {}

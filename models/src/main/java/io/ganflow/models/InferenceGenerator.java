package io.ganflow.models;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A generator with fixed weights, for generating images only: z [N, latent] (and labels [N] int64, ignored by
 * unconditional models) to images [N, C, H, W] in [-1, 1]. New arrays belong to z's manager.
 */
@FunctionalInterface
public interface InferenceGenerator {

    NDArray images(NDArray z, NDArray labels);

    /** The trained network itself, layer by layer, in inference mode. */
    static InferenceGenerator layers(GanModel model, Block generator, ParameterStore parameters) {
        return (z, labels) -> generator
                .forward(parameters, model.generatorInputs(z, labels), false)
                .singletonOrThrow();
    }
}

package io.ganflow.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.Catalog;

/**
 * A model family: how to build its generator and discriminator. Conditional families take class labels (int64) as
 * a second input of both networks; unconditional ones take none.
 */
public interface GanModel {

    Catalog.Model descriptor();

    /** z [N, latent] (and labels [N]) to images [N, C, H, W] in [-1, 1]. */
    Block generator();

    /** images [N, C, H, W] (and labels [N]) to logits [N, 1]. */
    Block discriminator();

    /**
     * The most images one serving pass should generate. Generation time per image is lowest while the largest
     * activation of a pass stays under 32 MiB (glibc hands larger blocks back to the system after each use, and each
     * pass then faults them in again): {@code bench} GenerationThroughput measured the cGAN's inference form (its
     * largest activation 115 KiB per image) at 1,370-1,390 img/s in passes of 100-128 and 1,070 in passes of 200;
     * the DCGANs peak at 200-400.
     */
    int imagesPerServingPass();

    /**
     * The generator {@code generator} (built by {@link #generator()}, its weights loaded) as a function for
     * generating images only, its arrays in {@code manager}. The weights must not change while it is in use. By
     * default the network itself in inference mode; a model may give a faster form of the same function.
     */
    default InferenceGenerator inferenceGenerator(Block generator, ParameterStore parameters, NDManager manager) {
        return InferenceGenerator.layers(this, generator, parameters);
    }

    default boolean conditional() {
        return descriptor().conditional();
    }

    default int channels() {
        return descriptor().channels();
    }

    default int imageSide() {
        return descriptor().side();
    }

    default Shape imageShape(long batch) {
        return new Shape(batch, channels(), imageSide(), imageSide());
    }

    default Shape[] generatorInputShapes(long batch, int latentSize) {
        Shape z = new Shape(batch, latentSize);
        return conditional() ? new Shape[] {z, new Shape(batch)} : new Shape[] {z};
    }

    default Shape[] discriminatorInputShapes(long batch) {
        return conditional() ? new Shape[] {imageShape(batch), new Shape(batch)} : new Shape[] {imageShape(batch)};
    }

    default NDList generatorInputs(NDArray z, NDArray labels) {
        return conditional() ? new NDList(z, labels) : new NDList(z);
    }

    default NDList discriminatorInputs(NDArray images, NDArray labels) {
        return conditional() ? new NDList(images, labels) : new NDList(images);
    }
}

package io.ganflow.models;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
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
     * pass then faults them in again): {@code bench} GenerationThroughput measured the cGAN (400 KiB per image in
     * its 128x28x28 layer) at 950 img/s in passes of 64 and 730 in passes of 100; the DCGANs peak at 200-400.
     */
    int imagesPerServingPass();

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

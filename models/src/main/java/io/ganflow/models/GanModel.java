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

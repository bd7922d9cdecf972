package io.ganflow.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.ganflow.events.MalformedEventException;
import io.ganflow.models.InferenceGenerator;
import io.ganflow.models.layers.Torch;

/** Runs a generator in inference mode on noise from a seed. Callers serialise passes on one generator. */
public final class ImageGeneration {

    private ImageGeneration() {}

    /** uint8 pixels of {@code labels.length} images, NCHW, row-major. */
    public static byte[] generate(
            InferenceGenerator generator, NDManager manager, int latentSize, long[] labels, long seed) {
        return generate(generator, manager, latentSize, labels, Noise.gaussian(seed, labels.length, latentSize));
    }

    /** uint8 pixels of one image per label from the given latent vectors ({@code labels.length} rows), NCHW. */
    public static byte[] generate(
            InferenceGenerator generator, NDManager manager, int latentSize, long[] labels, float[] noise) {
        Torch.disableGradientsOnThisThread();
        int n = labels.length;
        try (NDManager scope = manager.newSubManager()) {
            NDArray images = generator.images(scope.create(noise, new Shape(n, latentSize)), scope.create(labels));
            if (images.isNaN().any().getBoolean() || images.isInfinite().any().getBoolean()) {
                throw new MalformedEventException("the generator produced non-finite values");
            }
            return ImageTensors.pixels(images);
        }
    }
}

package io.ganflow.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganflow.events.MalformedEventException;
import io.ganflow.models.GanModel;
import io.ganflow.models.layers.Torch;

/** Runs a generator in inference mode on noise from a seed. Callers serialise passes on one generator. */
public final class ImageGeneration {

    private ImageGeneration() {}

    /** uint8 pixels of {@code labels.length} images, NCHW, row-major. */
    public static byte[] generate(
            GanModel model,
            Block generator,
            ParameterStore parameters,
            NDManager manager,
            int latentSize,
            long[] labels,
            long seed) {
        return generate(
                model,
                generator,
                parameters,
                manager,
                latentSize,
                labels,
                Noise.gaussian(seed, labels.length, latentSize));
    }

    /** uint8 pixels of one image per label from the given latent vectors ({@code labels.length} rows), NCHW. */
    public static byte[] generate(
            GanModel model,
            Block generator,
            ParameterStore parameters,
            NDManager manager,
            int latentSize,
            long[] labels,
            float[] noise) {
        Torch.disableGradientsOnThisThread();
        int n = labels.length;
        try (NDManager scope = manager.newSubManager()) {
            NDArray z = scope.create(noise, new Shape(n, latentSize));
            NDArray images = generator
                    .forward(parameters, model.generatorInputs(z, scope.create(labels)), false)
                    .singletonOrThrow();
            if (images.isNaN().any().getBoolean() || images.isInfinite().any().getBoolean()) {
                throw new MalformedEventException("the generator produced non-finite values");
            }
            return ImageTensors.pixels(images);
        }
    }
}

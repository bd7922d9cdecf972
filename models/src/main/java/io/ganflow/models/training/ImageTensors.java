package io.ganflow.models.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ganflow.events.ImageBatch;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Between uint8 pixels (what travels and what is shown) and the networks' float tensors in [-1, 1]. */
public final class ImageTensors {

    private ImageTensors() {}

    public static NDArray images(NDManager manager, ImageBatch batch) {
        return images(
                manager, batch.pixels(), new Shape(batch.size(), batch.channels(), batch.height(), batch.width()));
    }

    /** uint8 pixels of {@code shape} [N, C, H, W] as floats in [-1, 1]. */
    public static NDArray images(NDManager manager, byte[] pixels, Shape shape) {
        return manager.create(ByteBuffer.wrap(pixels), shape, DataType.UINT8)
                .toType(DataType.FLOAT32, false)
                .divi(127.5f)
                .subi(1f);
    }

    public static NDArray labels(NDManager manager, ImageBatch batch) {
        return manager.create(Arrays.stream(batch.labels()).asLongStream().toArray());
    }

    /** [N, C, H, W] in [-1, 1] to uint8 pixels, row-major. */
    public static byte[] pixels(NDArray images) {
        return images.add(1f)
                .muli(127.5f)
                .round()
                .clip(0, 255)
                .toType(DataType.UINT8, false)
                .toByteArray();
    }
}

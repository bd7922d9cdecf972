package io.ganflow.models.image;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * PNG encoding of generated images, and decoding of one image back to its pixels. Deterministic: the same pixels
 * always give the same bytes, so responses can carry an ETag.
 */
public final class Png {

    /** Pixels between grid cells. */
    public static final int GAP = 2;

    private Png() {}

    /**
     * Lays out {@code count} images (uint8, NCHW) in rows of {@code columns}, with a {@link #GAP}-pixel gap.
     * One channel gives a grayscale PNG, three an RGB one.
     */
    public static byte[] grid(byte[] pixels, int count, int channels, int height, int width, int columns) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("PNG images need 1 or 3 channels, not " + channels);
        }
        int rows = (count + columns - 1) / columns;
        int cells = Math.min(count, columns);
        BufferedImage image = new BufferedImage(
                cells * (width + GAP) - GAP,
                rows * (height + GAP) - GAP,
                channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        WritableRaster raster = image.getRaster();
        int plane = height * width;
        for (int i = 0; i < count; i++) {
            int left = (i % columns) * (width + GAP);
            int top = (i / columns) * (height + GAP);
            int offset = i * channels * plane;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    for (int c = 0; c < channels; c++) {
                        // raster bands are R, G, B (or gray): written as they are, no colour conversion
                        raster.setSample(
                                left + x, top + y, c, Byte.toUnsignedInt(pixels[offset + c * plane + y * width + x]));
                    }
                }
            }
        }
        return encode(image);
    }

    /**
     * The pixels (uint8, channels x side x side) of one PNG image of exactly that shape: grayscale for one channel,
     * RGB for three, as {@link #grid} writes a single image. Anything else is refused with the reason.
     */
    public static byte[] pixels(byte[] png, int channels, int side) {
        BufferedImage image;
        try {
            // ImageIO.read closes the stream it is given
            image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a readable PNG: " + e.getMessage());
        }
        if (image == null) {
            throw new IllegalArgumentException("not a PNG");
        }
        int bands = image.getRaster().getNumBands();
        if (image.getWidth() != side || image.getHeight() != side || bands != channels) {
            throw new IllegalArgumentException("a " + image.getWidth() + "x" + image.getHeight() + "x" + bands
                    + " image where " + side + "x" + side + "x" + channels + " was expected");
        }
        byte[] pixels = new byte[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    pixels[c * side * side + y * side + x] =
                            (byte) image.getRaster().getSample(x, y, c);
                }
            }
        }
        return pixels;
    }

    /**
     * Encodes in memory: ImageIO's default for a plain stream is a temporary file, which registers a shutdown hook and
     * so fails while the JVM shuts down (the trainer's hand-over checkpoint is written then) and needs a writable disk.
     */
    private static byte[] encode(BufferedImage image) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
                if (!ImageIO.write(image, "png", stream)) {
                    throw new IllegalStateException("no PNG writer");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("PNG encoding failed", e);
        }
    }
}

package io.ganflow.dataset.folders;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Decodes one uploaded image, safely: only PNG and JPEG, its size read from its header before any pixel is decoded
 * (an image that claims more than {@link #MAX_PIXELS} pixels is refused: a few kilobytes of PNG can claim
 * 30000x30000), and decoded subsampled to about twice the size it will be resized to, so that a large photo costs
 * memory for the small image it becomes, not for all its pixels.
 */
final class ImageFiles {

    /** 8000 x 8000: larger than any photo a data set needs, far smaller than what a header can claim. */
    static final long MAX_PIXELS = 64_000_000L;

    private static final Set<String> FORMATS = Set.of("png", "jpeg");

    /** Why a file cannot be an image of the data set. */
    static final class Unusable extends Exception {
        Unusable(String reason) {
            super(reason);
        }
    }

    private ImageFiles() {}

    /** The image, decoded to at least {@code side} x {@code side} where its own size allows. */
    static BufferedImage read(Path file, int side) throws Unusable, IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new Unusable("not a readable PNG or JPEG");
            }
            ImageReader reader = readers.next();
            try {
                if (!FORMATS.contains(reader.getFormatName().toLowerCase(Locale.ROOT))) {
                    throw new Unusable("a " + reader.getFormatName() + " image, not a PNG or JPEG");
                }
                reader.setInput(in, true, true);
                long width = reader.getWidth(0);
                long height = reader.getHeight(0);
                if (width * height > MAX_PIXELS) {
                    throw new Unusable(
                            "its header says " + width + "x" + height + " pixels; at most " + MAX_PIXELS + " are read");
                }
                ImageReadParam subsampled = reader.getDefaultReadParam();
                int step = (int) Math.max(1, Math.min(width, height) / (2L * side));
                subsampled.setSourceSubsampling(step, step, 0, 0);
                return reader.read(0, subsampled);
            } finally {
                reader.dispose();
            }
        }
    }
}

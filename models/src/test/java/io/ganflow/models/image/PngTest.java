package io.ganflow.models.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngTest {

    @Test
    void gridPlacesEachGrayImageExactly() throws IOException {
        byte[] pixels = new byte[6 * 28 * 28];
        new Random(3).nextBytes(pixels);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Png.grid(pixels, 6, 1, 28, 28, 3)));
        assertEquals(3 * 28 + 2 * Png.GAP, image.getWidth());
        assertEquals(2 * 28 + Png.GAP, image.getHeight());
        // image 4 is row 1, column 1
        int left = 28 + Png.GAP;
        int top = 28 + Png.GAP;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                assertEquals(
                        Byte.toUnsignedInt(pixels[4 * 784 + y * 28 + x]),
                        image.getRaster().getSample(left + x, top + y, 0));
            }
        }
    }

    @Test
    void rgbImagesKeepTheirChannels() throws IOException {
        byte[] pixels = new byte[3 * 32 * 32];
        new Random(4).nextBytes(pixels);
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Png.grid(pixels, 1, 3, 32, 32, 1)));
        int rgb = image.getRGB(5, 7);
        int at = 7 * 32 + 5;
        assertArrayEquals(
                new int[] {pixels[at] & 0xff, pixels[1024 + at] & 0xff, pixels[2048 + at] & 0xff},
                new int[] {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff});
    }

    @Test
    void oneImageReadsBackToItsPixels() {
        for (int channels : new int[] {1, 3}) {
            byte[] pixels = new byte[channels * 32 * 32];
            new Random(channels).nextBytes(pixels);
            assertArrayEquals(pixels, Png.pixels(Png.grid(pixels, 1, channels, 32, 32, 1), channels, 32));
        }
    }

    @Test
    void anImageOfAnotherShapeOrNoPngIsRefusedWithTheReason() {
        byte[] gray = Png.grid(new byte[28 * 28], 1, 1, 28, 28, 1);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Png.pixels(gray, 1, 32))
                .getMessage()
                .contains("28x28x1 image where 32x32x1"));
        assertThrows(IllegalArgumentException.class, () -> Png.pixels(gray, 3, 28));
        assertThrows(IllegalArgumentException.class, () -> Png.pixels(new byte[] {1, 2, 3}, 1, 28));
        assertThrows(IllegalArgumentException.class, () -> Png.pixels(Arrays.copyOf(gray, gray.length / 2), 1, 28));
    }

    @Test
    void samePixelsGiveTheSameBytes() {
        byte[] pixels = new byte[2 * 28 * 28];
        new Random(5).nextBytes(pixels);
        assertArrayEquals(Png.grid(pixels, 2, 1, 28, 28, 2), Png.grid(pixels.clone(), 2, 1, 28, 28, 2));
    }
}

package io.ganflow.testing;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

/**
 * Archives of image folders as users upload them: a folder per class of PNG images, each class its own colour
 * (class c has hue c / classes), so a test can tell from the pixels which class an image came from.
 */
public final class ImageArchives {

    private ImageArchives() {}

    /** Entry name to content: {@code top/class-c/image-i.png}, plus a file per class that is no image. */
    public static Map<String, byte[]> classFolders(String top, int classes, int perClass, int side) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                entries.put(top + "/class-" + c + "/image-" + i + ".png", png(colour(c, classes), side, side));
            }
            entries.put(top + "/class-" + c + "/broken.png", "this is not a PNG".getBytes());
        }
        return entries;
    }

    public static Color colour(int classId, int classes) {
        return Color.getHSBColor(classId / (float) classes, 1f, 1f);
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static byte[] png(Color colour, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(colour);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}

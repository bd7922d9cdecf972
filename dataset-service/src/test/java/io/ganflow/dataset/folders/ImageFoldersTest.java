package io.ganflow.dataset.folders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.DatasetFormatException;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFoldersTest {

    @TempDir
    Path root;

    private void image(String folder, String file, String format, Color color, int width, int height)
            throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setColor(color);
        graphics.fillRect(0, 0, width, height);
        graphics.dispose();
        Path dir = Files.createDirectories(root.resolve(folder));
        ImageIO.write(image, format, dir.resolve(file).toFile());
    }

    @Test
    void readsOneClassPerSubfolderResizedToTheModelsSize() throws IOException {
        image("cats", "a.png", "png", Color.RED, 64, 48);
        image("cats", "b.jpg", "jpg", Color.RED, 100, 100);
        image("dogs", "c.png", "png", Color.BLUE, 10, 10);
        ImageFolders.Result result = ImageFolders.read(root, "pets", 3, 32, Long.MAX_VALUE);
        assertEquals(List.of("cats", "dogs"), result.classes());
        assertEquals(3, result.images().count());
        assertEquals(
                List.of(0, 0, 1),
                java.util.Arrays.stream(result.images().labels()).boxed().toList());
        byte[] pixels = result.images().pixels();
        int plane = 32 * 32;
        int dog = 2 * 3 * plane;
        assertEquals(0, Byte.toUnsignedInt(pixels[dog]), "the dog is blue: red plane 0");
        assertEquals(255, Byte.toUnsignedInt(pixels[dog + 2 * plane + 5 * 32 + 7]), "blue plane 255");
        assertEquals(255, Byte.toUnsignedInt(pixels[0]), "the first cat is red");
    }

    @Test
    void grayModelsGetGrayImages() throws IOException {
        image("white", "w.png", "png", Color.WHITE, 40, 40);
        ImageFolders.Result result = ImageFolders.read(root, "gray", 1, 28, Long.MAX_VALUE);
        assertEquals(28 * 28, result.images().pixels().length);
        assertEquals(255, Byte.toUnsignedInt(result.images().pixels()[100]));
    }

    @Test
    void unreadableFilesAreReportedAndSkipped() throws IOException {
        image("ok", "good.png", "png", Color.GREEN, 8, 8);
        Files.writeString(root.resolve("ok/broken.png"), "not an image");
        Files.writeString(root.resolve("ok/notes.txt"), "ignored: not an image file name");
        ImageFolders.Result result = ImageFolders.read(root, "mixed", 3, 16, Long.MAX_VALUE);
        assertEquals(1, result.images().count());
        assertEquals(1, result.skipped().size());
        assertTrue(
                result.skipped().get(0).contains("broken.png"), result.skipped().get(0));
    }

    @Test
    void aFolderWithoutClassesIsAClearError() {
        DatasetFormatException error = assertThrows(
                DatasetFormatException.class, () -> ImageFolders.read(root, "empty", 3, 32, Long.MAX_VALUE));
        assertTrue(error.getMessage().contains("no class folders"), error.getMessage());
    }

    @Test
    void anImageWhoseHeaderClaimsHugeDimensionsIsSkippedWithoutDecodingIt() throws IOException {
        image("ok", "good.png", "png", Color.GREEN, 8, 8);
        // 57 bytes that claim 30000 x 30000 pixels: decoded, 3.6 GB
        Files.write(root.resolve("ok/bomb.png"), io.ganflow.testing.ImageArchives.pngHeader(30_000, 30_000));
        ImageFolders.Result result = ImageFolders.read(root, "bombs", 3, 16, Long.MAX_VALUE);
        assertEquals(1, result.images().count());
        assertTrue(
                result.skipped().get(0).contains("30000x30000"),
                result.skipped().get(0));
    }

    @Test
    void onlyPngAndJpegAreRead() throws IOException {
        image("ok", "good.png", "png", Color.GREEN, 8, 8);
        image("ok", "looks-like.png", "bmp", Color.GREEN, 8, 8);
        ImageFolders.Result result = ImageFolders.read(root, "formats", 3, 16, Long.MAX_VALUE);
        assertEquals(1, result.images().count());
        assertTrue(
                result.skipped().get(0).contains("not a PNG or JPEG"),
                result.skipped().get(0));
    }

    @Test
    void aLargePhotoIsDecodedAtAboutTwiceTheSizeItBecomesNotInFull() throws Exception {
        image("big", "photo.jpg", "jpg", Color.RED, 4000, 3000);
        BufferedImage decoded = ImageFiles.read(root.resolve("big/photo.jpg"), 16);
        assertTrue(
                decoded.getWidth() < 100 && decoded.getHeight() >= 32, decoded.getWidth() + "x" + decoded.getHeight());
        ImageFolders.Result result = ImageFolders.read(root, "photos", 3, 16, Long.MAX_VALUE);
        assertTrue(Byte.toUnsignedInt(result.images().pixels()[0]) > 250, "still red (JPEG: nearly 255)");
    }

    @Test
    void aDataSetPastThePixelBudgetIsRefusedAsAWhole() throws IOException {
        for (int i = 0; i < 5; i++) {
            image("many", "i" + i + ".png", "png", Color.GREEN, 8, 8);
        }
        DatasetFormatException error = assertThrows(
                DatasetFormatException.class, () -> ImageFolders.read(root, "many", 3, 16, 4L * 3 * 16 * 16));
        assertTrue(error.getMessage().contains("5 image files, at most 4"), error.getMessage());
    }
}

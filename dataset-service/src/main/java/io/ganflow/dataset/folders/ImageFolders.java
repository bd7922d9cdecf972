package io.ganflow.dataset.folders;

import io.ganflow.dataset.idx.DatasetFormatException;
import io.ganflow.dataset.idx.LabelledImages;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * A data set as a folder with one subfolder per class (classes in name order), of PNG or JPEG images of any size,
 * resized to the model's square size and channel count. A file that cannot be read as an image is reported and
 * skipped, not fatal.
 */
public final class ImageFolders {

    /** The images read, the class names (label i is classes[i]), and the files skipped with the reason. */
    public record Result(LabelledImages images, List<String> classes, List<String> skipped) {

        /** With {@code more} skipped files (those the archive could not even unpack) listed first. */
        public Result withSkipped(List<String> more) {
            List<String> all = new ArrayList<>(more);
            all.addAll(skipped);
            return new Result(images, classes, all);
        }
    }

    private ImageFolders() {}

    /**
     * Reads the class folders under {@code root}. {@code maxPixelBytes} bounds the decoded data set (images x side x
     * side x channels): an upload past it is refused as a whole, since dropping images silently would unbalance it.
     */
    public static Result read(Path root, String name, int channels, int side, long maxPixelBytes) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
        }
        List<Path> classFolders = subfolders(root);
        if (classFolders.isEmpty()) {
            throw new DatasetFormatException("no class folders (expected one folder per class)");
        }
        // the budget is checked against the image files before any is decoded, and the pixels go into one array
        // of exactly that size: a refused upload costs nothing, an accepted one no growing and copying
        List<List<Path>> files =
                classFolders.stream().map(ImageFolders::imageFiles).toList();
        long fileCount = files.stream().mapToLong(List::size).sum();
        long imageBytes = (long) channels * side * side;
        if (fileCount * imageBytes > maxPixelBytes) {
            throw new DatasetFormatException("the data set would hold more than " + maxPixelBytes + " bytes of "
                    + side + "x" + side + "x" + channels + " images (" + fileCount + " image files, at most "
                    + maxPixelBytes / imageBytes + "); upload fewer images or choose a smaller side");
        }
        byte[] pixels = new byte[Math.toIntExact(fileCount * imageBytes)];
        List<Integer> labels = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (int label = 0; label < classFolders.size(); label++) {
            for (Path file : files.get(label)) {
                try {
                    byte[] image = planes(resized(ImageFiles.read(file, side), side, channels), channels, side);
                    System.arraycopy(image, 0, pixels, Math.toIntExact(labels.size() * imageBytes), image.length);
                    labels.add(label);
                } catch (ImageFiles.Unusable e) {
                    skipped.add(root.relativize(file) + ": " + e.getMessage());
                } catch (IOException | RuntimeException e) {
                    skipped.add(root.relativize(file) + ": cannot be decoded (" + e.getMessage() + ")");
                }
            }
        }
        if (labels.isEmpty()) {
            throw new DatasetFormatException("no readable images in " + classFolders.size() + " class folders");
        }
        List<String> classes =
                classFolders.stream().map(p -> p.getFileName().toString()).toList();
        LabelledImages images = new LabelledImages(
                name,
                classes.size(),
                channels,
                side,
                side,
                labels.size() == fileCount
                        ? pixels
                        : Arrays.copyOf(pixels, Math.toIntExact(labels.size() * imageBytes)),
                labels.stream().mapToInt(Integer::intValue).toArray());
        return new Result(images, classes, skipped);
    }

    private static List<Path> subfolders(Path root) {
        if (!Files.isDirectory(root)) {
            throw new DatasetFormatException(root + ": no such folder");
        }
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new DatasetFormatException(root + ": cannot list: " + e.getMessage());
        }
    }

    private static List<Path> imageFiles(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            return entries.filter(Files::isRegularFile)
                    .filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new DatasetFormatException(folder + ": cannot list: " + e.getMessage());
        }
    }

    /** The image scaled (bilinear) to side x side, as gray or RGB. */
    private static BufferedImage resized(BufferedImage image, int side, int channels) {
        BufferedImage target = new BufferedImage(
                side, side, channels == 1 ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.drawImage(image, 0, 0, side, side, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** Channel planes, row-major: the CHW layout batches carry. */
    private static byte[] planes(BufferedImage image, int channels, int side) {
        Raster raster = image.getRaster();
        byte[] out = new byte[channels * side * side];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    out[c * side * side + y * side + x] = (byte) raster.getSample(x, y, c);
                }
            }
        }
        return out;
    }
}

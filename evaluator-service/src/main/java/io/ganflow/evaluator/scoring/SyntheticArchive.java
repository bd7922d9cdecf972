package io.ganflow.evaluator.scoring;

import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.models.image.Png;
import io.ganflow.models.quality.AccuracyScore;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads a synthetic data set's ZIP back into images and labels, in either format the samplers write
 * ({@link SyntheticDatasetRequest#PNG_ZIP}: {@code image-000000.png}... and {@code labels.csv}; {@link
 * SyntheticDatasetRequest#IDX}: {@code images-idx3-ubyte} or {@code images-idx4-ubyte} and {@code labels-idx1-ubyte}).
 * Every count, size, magic number and label is checked against what the job said it made, and nothing is read past
 * what that needs, so a damaged or foreign archive is refused with the reason rather than misread.
 */
final class SyntheticArchive {

    private static final int IDX_LABELS = 0x0801;
    private static final int IDX_GRAY_IMAGES = 0x0803;
    private static final int IDX_PLANAR_IMAGES = 0x0804;
    /** A PNG of one 32x32 RGB image is a few KiB; anything far larger is not one of ours. */
    private static final int MAX_PNG_BYTES = 1 << 20;
    /** "image-000000.png,9\n" is 19 bytes; allow some slack per line. */
    private static final int MAX_LABEL_LINE_BYTES = 64;

    private SyntheticArchive() {}

    /** The archive could not be read as the job described it. */
    static final class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    /** {@code count} images of {@code channels} x {@code side} x {@code side} with labels below {@code classes}. */
    static AccuracyScore.Images read(Path zip, String format, int count, int channels, int side, int classes) {
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            return SyntheticDatasetRequest.IDX.equals(format)
                    ? readIdx(archive, count, channels, side, classes)
                    : readPngs(archive, count, channels, side, classes);
        } catch (EOFException e) {
            throw new UnreadableException("a file of the data set ends before its last image");
        } catch (IOException e) {
            throw new UnreadableException("the data set is not a readable ZIP: " + e.getMessage());
        }
    }

    private static AccuracyScore.Images readIdx(ZipFile archive, int count, int channels, int side, int classes)
            throws IOException {
        String imagesName = channels == 1 ? "images-idx3-ubyte" : "images-idx4-ubyte";
        byte[] pixels = new byte[Math.multiplyExact(count, channels * side * side)];
        try (DataInputStream in = new DataInputStream(open(archive, imagesName))) {
            if (channels == 1) {
                expectHeader(in, imagesName, IDX_GRAY_IMAGES, count, side, side);
            } else {
                expectHeader(in, imagesName, IDX_PLANAR_IMAGES, count, channels, side, side);
            }
            in.readFully(pixels);
            expectEnd(in, imagesName);
        }
        byte[] labelBytes = new byte[count];
        try (DataInputStream in = new DataInputStream(open(archive, "labels-idx1-ubyte"))) {
            expectHeader(in, "labels-idx1-ubyte", IDX_LABELS, count);
            in.readFully(labelBytes);
            expectEnd(in, "labels-idx1-ubyte");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = checkedLabel(Byte.toUnsignedInt(labelBytes[i]), classes, "labels-idx1-ubyte");
        }
        return new AccuracyScore.Images(pixels, labels);
    }

    private static AccuracyScore.Images readPngs(ZipFile archive, int count, int channels, int side, int classes)
            throws IOException {
        String[] lines = readLabelsCsv(archive, count);
        int imageBytes = channels * side * side;
        byte[] pixels = new byte[Math.multiplyExact(count, imageBytes)];
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            String[] fields = lines[i + 1].split(",", -1);
            String expected = String.format("image-%06d.png", i);
            if (fields.length != 2 || !fields[0].equals(expected)) {
                throw new UnreadableException(
                        "labels.csv line " + (i + 2) + " should name " + expected + " and a label");
            }
            labels[i] = checkedLabel(parseLabel(fields[1]), classes, "labels.csv line " + (i + 2));
            byte[] png;
            try (InputStream in = open(archive, expected)) {
                png = readAtMost(in, MAX_PNG_BYTES, expected);
            }
            try {
                System.arraycopy(Png.pixels(png, channels, side), 0, pixels, i * imageBytes, imageBytes);
            } catch (IllegalArgumentException e) {
                throw new UnreadableException(expected + ": " + e.getMessage());
            }
        }
        return new AccuracyScore.Images(pixels, labels);
    }

    /** The header line and one line per image, nothing more. */
    private static String[] readLabelsCsv(ZipFile archive, int count) throws IOException {
        byte[] csv;
        try (InputStream in = open(archive, "labels.csv")) {
            csv = readAtMost(in, (long) (count + 1) * MAX_LABEL_LINE_BYTES, "labels.csv");
        }
        String[] lines = new String(csv, StandardCharsets.UTF_8).split("\n");
        if (lines.length != count + 1 || !lines[0].equals("file,label")) {
            throw new UnreadableException(
                    "labels.csv should be a file,label header and " + count + " lines, was " + lines.length + " lines");
        }
        return lines;
    }

    private static int parseLabel(String field) {
        try {
            return Integer.parseInt(field);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static int checkedLabel(int label, int classes, String where) {
        if (label < 0 || label >= classes) {
            throw new UnreadableException(where + " has a label outside 0-" + (classes - 1));
        }
        return label;
    }

    private static InputStream open(ZipFile archive, String name) throws IOException {
        ZipEntry entry = archive.getEntry(name);
        if (entry == null) {
            throw new UnreadableException("the data set has no " + name);
        }
        return archive.getInputStream(entry);
    }

    private static byte[] readAtMost(InputStream in, long limit, String name) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read; (read = in.read(buffer)) > 0; ) {
            out.write(buffer, 0, read);
            if (out.size() > limit) {
                throw new UnreadableException(name + " is larger than " + limit + " bytes");
            }
        }
        return out.toByteArray();
    }

    private static void expectHeader(DataInputStream in, String name, int magic, int... dimensions) throws IOException {
        ByteBuffer expected = ByteBuffer.allocate(4 * (1 + dimensions.length)).putInt(magic);
        for (int dimension : dimensions) {
            expected.putInt(dimension);
        }
        byte[] header = new byte[expected.capacity()];
        in.readFully(header);
        if (!ByteBuffer.wrap(header).equals(expected.flip())) {
            throw new UnreadableException(
                    name + " does not have the IDX header of " + dimensions[0] + " images of " + "this shape");
        }
    }

    private static void expectEnd(InputStream in, String name) throws IOException {
        if (in.read() != -1) {
            throw new UnreadableException(name + " is longer than its header says");
        }
    }
}

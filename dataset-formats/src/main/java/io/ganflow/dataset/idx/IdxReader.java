package io.ganflow.dataset.idx;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Reads the IDX files of MNIST and Fashion-MNIST (gzip or plain): images are magic 2051, count, rows, columns, then
 * unsigned bytes; labels are magic 2049, count, then one byte each. Every header and length is checked, and an error
 * names the file.
 */
public final class IdxReader {

    static final int IMAGES_MAGIC = 0x00000803;
    static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /** Images as uint8 pixels, row-major, with their count and size. */
    public record Images(int count, int rows, int columns, byte[] pixels) {}

    public static Images readImages(Path file) {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), IMAGES_MAGIC, "images");
            int count = in.readInt();
            int rows = in.readInt();
            int columns = in.readInt();
            if (count < 1 || rows < 1 || columns < 1 || (long) count * rows * columns > Integer.MAX_VALUE) {
                throw new DatasetFormatException(
                        file + ": implausible header: " + count + " images of " + rows + "x" + columns);
            }
            byte[] pixels = readFully(file, in, count * rows * columns);
            expectEnd(file, in);
            return new Images(count, rows, columns, pixels);
        } catch (EOFException e) {
            throw new DatasetFormatException(file + ": truncated: the header ends early");
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    /** Labels, each checked to be below {@code classes}. */
    public static int[] readLabels(Path file, int classes) {
        try (DataInputStream in = open(file)) {
            expectMagic(file, in.readInt(), LABELS_MAGIC, "labels");
            int count = in.readInt();
            if (count < 1) {
                throw new DatasetFormatException(file + ": implausible label count " + count);
            }
            byte[] raw = readFully(file, in, count);
            expectEnd(file, in);
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = Byte.toUnsignedInt(raw[i]);
                if (labels[i] >= classes) {
                    throw new DatasetFormatException(
                            file + ": label " + labels[i] + " at index " + i + " is out of range 0-" + (classes - 1));
                }
            }
            return labels;
        } catch (EOFException e) {
            throw new DatasetFormatException(file + ": truncated: the header ends early");
        } catch (IOException e) {
            throw new DatasetFormatException(file + ": cannot read: " + e.getMessage());
        }
    }

    private static DataInputStream open(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": no such file");
        }
        InputStream raw = Files.newInputStream(file);
        return new DataInputStream(file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw);
    }

    private static void expectMagic(Path file, int magic, int expected, String kind) {
        if (magic != expected) {
            throw new DatasetFormatException(String.format(
                    "%s: not an IDX %s file: magic number 0x%08x, expected 0x%08x", file, kind, magic, expected));
        }
    }

    /**
     * The {@code promised} bytes the header announces, read as they come: a header may claim 2 GB in a file of a
     * few bytes, so nothing is allocated for what the file does not hold.
     */
    private static byte[] readFully(Path file, DataInputStream in, int promised) throws IOException {
        byte[] data = in.readNBytes(promised);
        if (data.length != promised) {
            throw new DatasetFormatException(
                    file + ": truncated: header promises " + promised + " bytes of data, file has " + data.length);
        }
        return data;
    }

    private static void expectEnd(Path file, DataInputStream in) throws IOException {
        if (in.read() != -1) {
            throw new DatasetFormatException(file + ": has data after the " + "count its header gives");
        }
    }
}

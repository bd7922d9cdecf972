package io.ganflow.sampler.synthetic;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/**
 * The IDX files Fashion-MNIST ships, in a ZIP: {@code images-idx3-ubyte} (count x side x side, magic 2051) for
 * one-channel images, {@code images-idx4-ubyte} (count x channels x side x side, magic 2052, channel-planar like
 * CIFAR-10) for colour, and {@code labels-idx1-ubyte} (magic 2049). Big-endian sizes, uint8 values.
 */
final class IdxZipArchive implements DatasetArchive {

    private static final int UNSIGNED_BYTE = 0x08;

    private final ZipOutputStream zip;
    private final DataOutputStream images;
    private final ByteArrayOutputStream labels = new ByteArrayOutputStream();
    private final int total;

    IdxZipArchive(OutputStream out, int total, int channels, int side) throws IOException {
        this.zip = new ZipOutputStream(out);
        this.images = new DataOutputStream(zip);
        this.total = total;
        if (channels == 1) {
            zip.putNextEntry(ZipEntries.named("images-idx3-ubyte"));
            writeHeader(images, total, side, side);
        } else {
            zip.putNextEntry(ZipEntries.named("images-idx4-ubyte"));
            writeHeader(images, total, channels, side, side);
        }
    }

    @Override
    public void add(byte[] pixels, int label) throws IOException {
        images.write(pixels);
        labels.write(label);
    }

    @Override
    public void close() throws IOException {
        zip.closeEntry();
        zip.putNextEntry(ZipEntries.named("labels-idx1-ubyte"));
        writeHeader(images, total);
        labels.writeTo(zip);
        zip.closeEntry();
        zip.close();
    }

    private static void writeHeader(DataOutputStream out, int... dimensions) throws IOException {
        out.writeInt(UNSIGNED_BYTE << 8 | dimensions.length);
        for (int dimension : dimensions) {
            out.writeInt(dimension);
        }
    }
}

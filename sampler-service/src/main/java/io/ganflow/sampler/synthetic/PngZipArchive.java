package io.ganflow.sampler.synthetic;

import io.ganflow.models.image.Png;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipOutputStream;

/**
 * One PNG per image ({@code image-000000.png}, ...) and a {@code labels.csv} of {@code file,label}, in a ZIP: the
 * form of labelled images for other services, from {@code /images} and from synthetic data set jobs alike.
 */
public final class PngZipArchive implements DatasetArchive {

    private final ZipOutputStream zip;
    private final int channels;
    private final int side;
    private final StringBuilder labels = new StringBuilder("file,label\n");
    private int count;

    public PngZipArchive(OutputStream out, int channels, int side) {
        this.zip = new ZipOutputStream(out);
        this.channels = channels;
        this.side = side;
    }

    @Override
    public void add(byte[] pixels, int label) throws IOException {
        String file = String.format("image-%06d.png", count++);
        zip.putNextEntry(ZipEntries.named(file));
        zip.write(Png.grid(pixels, 1, channels, side, side, 1));
        zip.closeEntry();
        labels.append(file).append(',').append(label).append('\n');
    }

    @Override
    public void close() throws IOException {
        zip.putNextEntry(ZipEntries.named("labels.csv"));
        zip.write(labels.toString().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.close();
    }
}

package io.ganflow.sampler.rest;

import io.ganflow.events.LabelledImages;
import io.ganflow.models.image.Png;
import io.ganflow.sampler.synthetic.PngZipArchive;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Generated images with their labels, as other services take them: one PNG per image, in a ZIP with a
 * {@code labels.csv}, or as JSON with base64 PNGs.
 */
record LabelledSamples(String runId, long step, long seed, int channels, int side, long[] labels, byte[] pixels) {

    byte[] png(int index) {
        int size = channels * side * side;
        return Png.grid(Arrays.copyOfRange(pixels, index * size, (index + 1) * size), 1, channels, side, side, 1);
    }

    byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int size = channels * side * side;
        try (PngZipArchive zip = new PngZipArchive(bytes, channels, side)) {
            for (int i = 0; i < labels.length; i++) {
                zip.add(Arrays.copyOfRange(pixels, i * size, (i + 1) * size), (int) labels[i]);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The JSON form: where the images came from, and each image with its label. */
    LabelledImages json() {
        List<LabelledImages.LabelledImage> images = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            images.add(new LabelledImages.LabelledImage(
                    (int) labels[i], Base64.getEncoder().encodeToString(png(i))));
        }
        return new LabelledImages(runId, step, seed, images);
    }
}

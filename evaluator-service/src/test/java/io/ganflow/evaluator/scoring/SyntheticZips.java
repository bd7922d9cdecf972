package io.ganflow.evaluator.scoring;

import io.ganflow.models.image.Png;
import io.ganflow.testing.ImageArchives;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Synthetic data set ZIPs of 28x28x1 images as the samplers write them, for tests. */
final class SyntheticZips {

    private SyntheticZips() {}

    /** The samplers' png-zip format: image-000000.png... and labels.csv. */
    static byte[] png(byte[] pixels, int[] labels) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        StringBuilder csv = new StringBuilder("file,label\n");
        for (int i = 0; i < labels.length; i++) {
            String file = String.format("image-%06d.png", i);
            entries.put(file, Png.grid(Arrays.copyOfRange(pixels, i * 784, (i + 1) * 784), 1, 1, 28, 28, 1));
            csv.append(file).append(',').append(labels[i]).append('\n');
        }
        entries.put("labels.csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        return ImageArchives.zip(entries);
    }

    /** The samplers' idx format: Fashion-MNIST's files in a ZIP. */
    static byte[] idx(byte[] pixels, int[] labels) throws IOException {
        ByteArrayOutputStream images = new ByteArrayOutputStream();
        DataOutputStream imagesOut = new DataOutputStream(images);
        imagesOut.writeInt(0x0803);
        imagesOut.writeInt(labels.length);
        imagesOut.writeInt(28);
        imagesOut.writeInt(28);
        imagesOut.write(pixels);
        ByteArrayOutputStream labelBytes = new ByteArrayOutputStream();
        DataOutputStream labelsOut = new DataOutputStream(labelBytes);
        labelsOut.writeInt(0x0801);
        labelsOut.writeInt(labels.length);
        for (int label : labels) {
            labelsOut.write(label);
        }
        return ImageArchives.zip(
                Map.of("images-idx3-ubyte", images.toByteArray(), "labels-idx1-ubyte", labelBytes.toByteArray()));
    }
}

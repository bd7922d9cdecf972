package io.ganflow.events;

import java.util.List;

/**
 * A data set a user uploaded, as the object store records it once it was read and validated: its image shape, its
 * classes (label i is {@code classes[i]}) with the number of images of each, the files that were skipped and why,
 * and the size and SHA-256 of its pixel and label objects.
 */
public record UploadedDataset(
        int version,
        String name,
        int channels,
        int side,
        List<String> classes,
        List<Integer> counts,
        List<String> skipped,
        long pixelBytes,
        String pixelsSha256,
        String labelsSha256,
        long uploadedMillis) {

    public static final int VERSION = 1;

    public int images() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }
}

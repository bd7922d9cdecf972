package io.ganflow.dataset.idx;

/**
 * A data set in memory: {@code count} images of {@code channels x height x width} uint8 pixels (CHW, row-major)
 * and a class label for each.
 */
public record LabelledImages(
        String name, int classes, int channels, int height, int width, byte[] pixels, int[] labels) {

    public LabelledImages {
        if (pixels.length != labels.length * channels * height * width) {
            throw new DatasetFormatException(name + ": " + labels.length + " labels but "
                    + pixels.length / Math.max(1, channels * height * width) + " images");
        }
    }

    public int count() {
        return labels.length;
    }

    public int imageBytes() {
        return channels * height * width;
    }
}

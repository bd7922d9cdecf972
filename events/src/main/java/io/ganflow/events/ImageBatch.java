package io.ganflow.events;

/**
 * One batch of a run's epoch as it travels on {@link #TOPIC}: raw uint8 pixels (NCHW, row-major) and int labels,
 * never float tensors. Encoded by {@link ImageBatchCodec}.
 *
 * @param index          position of this batch within the epoch, from 0
 * @param batchesInEpoch how many batches the epoch has, so a consumer knows when it ends
 */
public record ImageBatch(
        String runId,
        int epoch,
        int index,
        int batchesInEpoch,
        int channels,
        int height,
        int width,
        int[] labels,
        byte[] pixels) {

    public static final String TOPIC = "batches";

    public ImageBatch {
        int imageBytes = channels * height * width;
        if (labels.length == 0 || pixels.length != labels.length * imageBytes) {
            throw new IllegalArgumentException(
                    "batch of " + labels.length + " labels needs " + labels.length * imageBytes + " pixel bytes for "
                            + channels + "x" + height + "x" + width + " images, has " + pixels.length);
        }
        if (index < 0 || index >= batchesInEpoch) {
            throw new IllegalArgumentException("batch index " + index + " outside epoch of " + batchesInEpoch);
        }
    }

    public int size() {
        return labels.length;
    }

    public boolean isLastOfEpoch() {
        return index == batchesInEpoch - 1;
    }
}

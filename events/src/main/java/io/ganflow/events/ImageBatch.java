package io.ganflow.events;

import java.util.Optional;

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
        Ids.check(runId, "runId");
        Fields.atLeast(epoch, 0, "epoch");
        long imageBytes = (long) channels * height * width;
        if (labels.length == 0 || imageBytes == 0 || pixels.length != labels.length * imageBytes) {
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

    /**
     * Why this batch cannot be trained by {@code spec}'s run, or empty when it can: it must be of that run, hold
     * {@code batchSize} images of the model's shape, and (for a conditional model or a classifier) labels of its
     * classes.
     */
    public Optional<String> misfit(RunSpec spec) {
        Optional<Catalog.Model> model = Catalog.model(spec.model());
        if (!runId.equals(spec.runId())) {
            return Optional.of("a batch of run " + runId + " delivered to run " + spec.runId());
        }
        if (model.isEmpty()) {
            return Optional.of("run " + spec.runId() + " trains an unknown model " + spec.model());
        }
        Catalog.Model m = model.get();
        if (channels != m.channels() || height != m.side() || width != m.side()) {
            return Optional.of(String.format(
                    "batch of %dx%dx%d images for model %s, which takes %dx%dx%d",
                    height, width, channels, m.name(), m.side(), m.side(), m.channels()));
        }
        if (size() != spec.batchSize()) {
            return Optional.of("batch of " + size() + " images for a run of batch size " + spec.batchSize());
        }
        if (m.conditional() || m.kind() == Catalog.Kind.CLASSIFIER) {
            int classes = m.conditional() ? Catalog.CONDITIONAL_CLASSES : Catalog.CLASSIFIER_CLASSES;
            for (int label : labels) {
                if (label >= classes) {
                    return Optional.of("label " + label + " outside the " + classes + " classes of "
                            + (m.conditional() ? "conditional model " : "classifier ") + m.name());
                }
            }
        }
        return Optional.empty();
    }

    public boolean isLastOfEpoch() {
        return index == batchesInEpoch - 1;
    }
}

package io.ganflow.events;

import java.util.List;

/**
 * The Classification Accuracy Score of a synthetic data set (Ravuri and Vinyals, 2019), asked for with
 * {@code "score": true}: a classifier trained only on the data set's images, tested on the real held-out split,
 * beside the same classifier trained the same way on as many real training images (the same count of each class).
 * Published on {@link #TOPIC} keyed by request id: SCORING when an evaluator begins (it takes minutes), then DONE or
 * FAILED; kept at {@link #key}.
 *
 * @param images training images of each classifier (the data set's size)
 * @param epochs epochs each classifier was trained
 * @param heldOutImages real held-out images both were tested on
 * @param syntheticAccuracy held-out accuracy of the classifier trained on the synthetic images (DONE only)
 * @param realAccuracy the same for the classifier trained on real images: what the synthetic one is measured against
 */
public record SyntheticDatasetScore(
        int version,
        String requestId,
        State state,
        String runId,
        long step,
        String dataset,
        int images,
        int epochs,
        int heldOutImages,
        Double syntheticAccuracy,
        List<Double> syntheticClassAccuracy,
        Double realAccuracy,
        List<Double> realClassAccuracy,
        String message,
        long timeMillis) {

    public static final String TOPIC = "synthetic-dataset-scores";
    public static final int VERSION = 1;

    public SyntheticDatasetScore {
        Fields.version(version, VERSION, "SyntheticDatasetScore");
        Ids.check(requestId, "requestId");
        Fields.required(state, "state");
        Fields.atLeast(images, 0, "images");
        Fields.atLeast(epochs, 0, "epochs");
        Fields.atLeast(heldOutImages, 0, "heldOutImages");
        Fields.share(syntheticAccuracy, "syntheticAccuracy");
        Fields.share(realAccuracy, "realAccuracy");
        syntheticClassAccuracy = syntheticClassAccuracy == null ? List.of() : List.copyOf(syntheticClassAccuracy);
        realClassAccuracy = realClassAccuracy == null ? List.of() : List.copyOf(realClassAccuracy);
    }

    public enum State {
        /** An evaluator is training the two classifiers. */
        SCORING,
        DONE,
        /** The data set could not be scored (deleted, unreadable, more images of a class than real ones): see message. */
        FAILED
    }

    /** Where the score of request {@code requestId} is kept, beside its data set. */
    public static String key(String requestId) {
        return "synthetic/" + Ids.check(requestId, "requestId") + "/score.json";
    }

    public static SyntheticDatasetScore scoring(SyntheticDatasetResult result, String dataset, int images) {
        return new SyntheticDatasetScore(
                VERSION,
                result.requestId(),
                State.SCORING,
                result.runId(),
                result.step(),
                dataset,
                images,
                0,
                0,
                null,
                null,
                null,
                null,
                "training a classifier on the synthetic images and one on as many real images",
                System.currentTimeMillis());
    }

    public static SyntheticDatasetScore failed(SyntheticDatasetResult result, String reason) {
        return new SyntheticDatasetScore(
                VERSION,
                result.requestId(),
                State.FAILED,
                result.runId(),
                result.step(),
                null,
                0,
                0,
                0,
                null,
                null,
                null,
                null,
                reason,
                System.currentTimeMillis());
    }
}

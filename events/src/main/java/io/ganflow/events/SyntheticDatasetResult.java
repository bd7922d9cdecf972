package io.ganflow.events;

/**
 * Where a synthetic data set job stands, keyed by request id on {@link #TOPIC}: RUNNING with progress, then DONE with
 * a claim check ({@code bucket} and {@code objectKey} of the ZIP, its size and SHA-256), or FAILED with the reason.
 *
 * @param quality when DONE: the measured quality of the checkpoint the images were drawn from (null when that
 *     checkpoint was not measured, for instance while its data set's reference classifier trains)
 * @param scoreRequested its request asked for a Classification Accuracy Score: when DONE, an evaluator scores it and
 *     answers on {@link SyntheticDatasetScore#TOPIC} (false in results written before the field was added)
 * @param model the registered model its request named, null when it named a run
 * @param alias that model's alias, null when it named a run
 * @param modelVersion the version the alias was resolved to (its run and step are {@code runId} and {@code step});
 *     null when it named a run, or the alias could not be resolved
 */
public record SyntheticDatasetResult(
        int version,
        String requestId,
        State state,
        String runId,
        long step,
        String format,
        int generated,
        long total,
        String bucket,
        String objectKey,
        long bytes,
        String sha256,
        String message,
        long timeMillis,
        CheckpointQuality quality,
        boolean scoreRequested,
        String model,
        String alias,
        Integer modelVersion) {

    public static final String TOPIC = "synthetic-dataset-results";
    public static final int VERSION = 1;

    public SyntheticDatasetResult {
        Fields.version(version, VERSION, "SyntheticDatasetResult");
        Ids.check(requestId, "requestId");
        Fields.required(state, "state");
        Fields.atLeast(generated, 0, "generated");
        Fields.atLeast(total, 0, "total");
        Fields.atLeast(bytes, 0, "bytes");
    }

    public enum State {
        RUNNING,
        DONE,
        FAILED,
        /** Cancelled by its requester before it was done, or deleted after: no data set is kept. */
        CANCELLED
    }

    public static String objectKey(String requestId) {
        return "synthetic/" + Ids.check(requestId, "requestId") + "/dataset.zip";
    }

    /** Written when a requester cancels the job: a sampler working on it stops, one that has not begun never does. */
    public static String cancelKey(String requestId) {
        return "synthetic/" + Ids.check(requestId, "requestId") + "/cancelled";
    }

    public static SyntheticDatasetResult running(SyntheticDatasetRequest request, long step, int generated) {
        return new SyntheticDatasetResult(
                VERSION,
                request.requestId(),
                State.RUNNING,
                request.runId(),
                step,
                request.format(),
                generated,
                request.total(),
                null,
                null,
                0,
                null,
                "generated " + generated + " of " + request.total() + " images",
                System.currentTimeMillis(),
                null,
                request.scoreWanted(),
                request.model(),
                request.model() == null ? null : request.aliasOrProduction(),
                request.modelVersion());
    }

    public static SyntheticDatasetResult done(
            SyntheticDatasetRequest request,
            long step,
            String bucket,
            long bytes,
            String sha256,
            CheckpointQuality quality) {
        return new SyntheticDatasetResult(
                VERSION,
                request.requestId(),
                State.DONE,
                request.runId(),
                step,
                request.format(),
                Math.toIntExact(request.total()),
                request.total(),
                bucket,
                objectKey(request.requestId()),
                bytes,
                sha256,
                "ready",
                System.currentTimeMillis(),
                quality,
                request.scoreWanted(),
                request.model(),
                request.model() == null ? null : request.aliasOrProduction(),
                request.modelVersion());
    }

    public static SyntheticDatasetResult cancelled(SyntheticDatasetRequest request, long step, int generated) {
        return new SyntheticDatasetResult(
                VERSION,
                request.requestId(),
                State.CANCELLED,
                request.runId(),
                step,
                request.format(),
                generated,
                request.total(),
                null,
                null,
                0,
                null,
                "cancelled by its requester after " + generated + " of " + request.total() + " images",
                System.currentTimeMillis(),
                null,
                request.scoreWanted(),
                request.model(),
                request.model() == null ? null : request.aliasOrProduction(),
                request.modelVersion());
    }

    public static SyntheticDatasetResult failed(SyntheticDatasetRequest request, String reason) {
        return new SyntheticDatasetResult(
                VERSION,
                request.requestId(),
                State.FAILED,
                request.runId(),
                -1,
                request.format(),
                0,
                request.total(),
                null,
                null,
                0,
                null,
                reason,
                System.currentTimeMillis(),
                null,
                request.scoreWanted(),
                request.model(),
                request.model() == null ? null : request.aliasOrProduction(),
                request.modelVersion());
    }
}

package io.ganflow.gateway.synthetic;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A synthetic data set job as clients see it; {@code downloadUrl} (presigned, expiring) once it is DONE, with the
 * measured {@code quality} of the checkpoint it was drawn from (null when that checkpoint was not measured), and its
 * {@code score} when one was asked for (null otherwise); {@code fromModel} when it was asked of a model by name: the
 * version its images come from (whose run and step are {@code runId} and {@code step}).
 */
public record SyntheticDatasetView(
        String requestId,

        @Schema(enumeration = {"PENDING", "RUNNING", "DONE", "FAILED", "CANCELLED"})
        String state,

        String runId,
        long step,
        ModelSource fromModel,
        String format,
        int generated,
        long total,
        long bytes,
        String sha256,
        String message,
        String downloadUrl,
        long updatedMillis,
        CheckpointQuality quality,
        ScoreView score) {

    /** The model and alias a data set was asked of, and the version the alias pointed to (null until resolved). */
    public record ModelSource(String model, String alias, Integer version) {

        static ModelSource of(String model, String alias, Integer version) {
            return model == null ? null : new ModelSource(model, alias, version);
        }
    }

    static SyntheticDatasetView pending(SyntheticDatasetRequest request) {
        return new SyntheticDatasetView(
                request.requestId(),
                "PENDING",
                request.runId(),
                request.step() == null ? -1 : request.step(),
                ModelSource.of(
                        request.model(),
                        request.model() == null ? null : request.aliasOrProduction(),
                        request.modelVersion()),
                request.format(),
                0,
                request.total(),
                0,
                null,
                "waiting for a sampler",
                null,
                System.currentTimeMillis(),
                null,
                request.scoreWanted() ? ScoreView.pending() : null);
    }

    static SyntheticDatasetView of(SyntheticDatasetResult result) {
        return new SyntheticDatasetView(
                result.requestId(),
                result.state().name(),
                result.runId(),
                result.step(),
                ModelSource.of(result.model(), result.alias(), result.modelVersion()),
                result.format(),
                result.generated(),
                result.total(),
                result.bytes(),
                result.sha256(),
                result.message(),
                null,
                result.timeMillis(),
                result.quality(),
                result.scoreRequested() ? ScoreView.pending() : null);
    }

    boolean done() {
        return SyntheticDatasetResult.State.DONE.name().equals(state);
    }

    boolean ended() {
        return !state.equals("PENDING") && !state.equals(SyntheticDatasetResult.State.RUNNING.name());
    }

    SyntheticDatasetView withMessage(String newMessage) {
        return new SyntheticDatasetView(
                requestId,
                state,
                runId,
                step,
                fromModel,
                format,
                generated,
                total,
                bytes,
                sha256,
                newMessage,
                downloadUrl,
                updatedMillis,
                quality,
                score);
    }

    /** This view with the score an evaluator published. */
    SyntheticDatasetView withScore(ScoreView published) {
        return new SyntheticDatasetView(
                requestId,
                state,
                runId,
                step,
                fromModel,
                format,
                generated,
                total,
                bytes,
                sha256,
                message,
                downloadUrl,
                updatedMillis,
                quality,
                published);
    }

    SyntheticDatasetView withDownloadUrl(String url) {
        return new SyntheticDatasetView(
                requestId,
                state,
                runId,
                step,
                fromModel,
                format,
                generated,
                total,
                bytes,
                sha256,
                message,
                url,
                updatedMillis,
                quality,
                score);
    }
}

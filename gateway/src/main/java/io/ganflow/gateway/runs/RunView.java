package io.ganflow.gateway.runs;

import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A run as clients see it. */
public record RunView(
        String runId,

        @Schema(enumeration = {"PENDING", "RUNNING", "COMPLETED", "FAILED", "STOPPED"})
        String state,

        int epoch,
        long step,
        long latestCheckpointStep,
        String message,
        RunSpec spec,
        long updatedMillis,

        @Schema(description = "The speed of the run's latest metrics point, images per second; null before one")
        Double imagesPerSecond) {

    static RunView of(RunStatus status, long latestStep, Double imagesPerSecond) {
        return new RunView(
                status.runId(),
                status.state().name(),
                status.epoch(),
                Math.max(status.step(), latestStep),
                status.latestCheckpointStep(),
                status.message(),
                status.spec(),
                status.updatedMillis(),
                imagesPerSecond);
    }
}

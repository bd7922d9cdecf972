package io.ganflow.events;

/** A checkpoint is complete in the object store: its manifest is at {@code manifestKey}. Keyed by run id. */
public record CheckpointEvent(
        int version, String runId, long step, int epoch, String bucket, String manifestKey, long timeMillis) {

    public static final String TOPIC = "checkpoints";
    public static final int VERSION = 1;
}

package io.ganflow.events;

/** A checkpoint is complete in the object store: its manifest is at {@code manifestKey}. Keyed by run id. */
public record CheckpointEvent(
        int version, String runId, long step, int epoch, String bucket, String manifestKey, long timeMillis) {

    public static final String TOPIC = "checkpoints";
    public static final int VERSION = 1;

    /**
     * The manifest must be where the run's checkpoint at {@code step} lives: a consumer reads the store at that key,
     * so an event may not point it anywhere else.
     */
    public CheckpointEvent {
        Fields.version(version, VERSION, "CheckpointEvent");
        Ids.check(runId, "runId");
        Fields.atLeast(step, 0, "step");
        Fields.atLeast(epoch, 0, "epoch");
        Fields.required(bucket, "bucket");
        String expected = CheckpointManifest.key(runId, step);
        if (!expected.equals(manifestKey)) {
            throw new IllegalArgumentException(
                    "manifestKey of the checkpoint of run " + runId + " at step " + step + " must be " + expected);
        }
    }
}

package io.ganflow.events;

/**
 * The latest state of a run, on the compacted {@link #TOPIC} keyed by run id: any service rebuilds its view of all
 * runs by reading the topic from the start.
 */
public record RunStatus(
        int version,
        String runId,
        State state,
        int epoch,
        long step,
        long latestCheckpointStep,
        RunSpec spec,
        String message,
        long updatedMillis) {

    public static final String TOPIC = "run-status";
    public static final int VERSION = 1;

    public RunStatus {
        Fields.version(version, VERSION, "RunStatus");
        Ids.check(runId, "runId");
        Fields.required(state, "state");
        Fields.atLeast(epoch, 0, "epoch");
        Fields.atLeast(step, 0, "step");
        Fields.atLeast(latestCheckpointStep, -1, "latestCheckpointStep");
        if (spec != null && !runId.equals(spec.runId())) {
            throw new IllegalArgumentException("spec of run " + spec.runId() + " in a status of run " + runId);
        }
    }

    public enum State {
        PENDING,
        RUNNING,
        COMPLETED,
        FAILED,
        STOPPED
    }

    public static RunStatus pending(RunSpec spec) {
        return new RunStatus(
                VERSION,
                spec.runId(),
                State.PENDING,
                0,
                0,
                -1,
                spec,
                "waiting for a trainer",
                System.currentTimeMillis());
    }

    /** A run that cannot go on; {@code spec} is unknown to the service that says so. */
    public static RunStatus failed(String runId, String reason) {
        return new RunStatus(VERSION, runId, State.FAILED, 0, 0, -1, null, reason, System.currentTimeMillis());
    }

    /** COMPLETED, FAILED and STOPPED: nothing follows them. */
    public boolean ended() {
        return state == State.COMPLETED || state == State.FAILED || state == State.STOPPED;
    }

    public RunStatus with(State newState, int newEpoch, long newStep, long checkpointStep, String newMessage) {
        return new RunStatus(
                VERSION,
                runId,
                newState,
                newEpoch,
                newStep,
                checkpointStep,
                spec,
                newMessage,
                System.currentTimeMillis());
    }
}

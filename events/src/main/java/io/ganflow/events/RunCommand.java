package io.ganflow.events;

/** Asks the trainers to start (or stop) a run. Keyed by run id on {@link #TOPIC}. */
public record RunCommand(int version, Type type, String runId, RunSpec spec) {

    public static final String TOPIC = "run-commands";
    public static final int VERSION = 1;

    public RunCommand {
        Fields.version(version, VERSION, "RunCommand");
        Fields.required(type, "type");
        Ids.check(runId, "runId");
        if (type == Type.START && (spec == null || !runId.equals(spec.runId()))) {
            throw new IllegalArgumentException("a START command needs the spec of run " + runId);
        }
    }

    public enum Type {
        START,
        STOP
    }

    public static RunCommand start(RunSpec spec) {
        return new RunCommand(VERSION, Type.START, spec.runId(), spec);
    }

    public static RunCommand stop(String runId) {
        return new RunCommand(VERSION, Type.STOP, runId, null);
    }
}

package io.ganflow.gateway.runs;

/** The gateway's outgoing channel to the run-status topic, which it also reads (see application.properties). */
final class RunStatusOut {

    static final String CHANNEL = "run-status-out";

    private RunStatusOut() {}
}

package io.ganflow.sampler.rest;

/** No checkpoint of this run is being served (yet). */
public class NoModelException extends RuntimeException {

    public NoModelException(String runId) {
        super("run " + runId + " has no checkpoint to generate from yet");
    }

    public NoModelException(String runId, Long step) {
        super(
                step == null
                        ? "run " + runId + " has no checkpoint to generate from yet"
                        : "run " + runId + " has no valid checkpoint at step " + step);
    }
}

package io.ganflow.trainer.runs;

import io.ganflow.events.RunSpec;
import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * The one rule of whether a run may train on this trainer, read from the object store, which is the record of the
 * runs: its spec is there (else it belongs to another deployment), no user stopped it and it did not fail for a fault
 * of its own. Whether it already completed follows from its checkpoints. Safe from any thread.
 */
@ApplicationScoped
public class TrainableRuns {

    public enum Verdict {
        TRAINABLE,
        UNKNOWN,
        STOPPED,
        FAILED
    }

    public record Decision(Verdict verdict, Optional<RunSpec> spec, String reason) {
        public boolean trainable() {
            return verdict == Verdict.TRAINABLE;
        }
    }

    private final RunSpecStore specs;
    private final RunStops stops;

    public TrainableRuns(RunSpecStore specs, RunStops stops) {
        this.specs = specs;
        this.stops = stops;
    }

    /** Throws {@code ObjectStoreException} when the store cannot say. */
    public Decision decide(String runId) {
        Optional<RunSpec> spec = specs.load(runId);
        if (spec.isEmpty()) {
            return new Decision(Verdict.UNKNOWN, spec, "no spec in this trainer's object store");
        }
        if (stops.isStopped(runId)) {
            return new Decision(Verdict.STOPPED, spec, "stopped by a user");
        }
        Optional<String> failure = specs.failure(runId);
        if (failure.isPresent()) {
            return new Decision(Verdict.FAILED, spec, "failed: " + failure.get());
        }
        return new Decision(Verdict.TRAINABLE, spec, "trainable");
    }
}

package io.ganflow.trainer.runs;

import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The one place that says whether a user stopped a run. A stop reaches this trainer two ways: as a command on Kafka
 * ({@link RunStopListener}, on the listener's thread), and recorded in the object store by the gateway, which is
 * where a replica that missed the command (it started later, or the command was lost) learns of it.
 */
@ApplicationScoped
public class RunStops {

    private final RunSpecStore specs;
    /** Runs users stopped, handed from the command listener's thread to the training thread. */
    private final Queue<String> requested = new ConcurrentLinkedQueue<>();

    public RunStops(RunSpecStore specs) {
        this.specs = specs;
    }

    /** A stop command came for {@code runId}; safe from any thread. */
    void request(String runId) {
        requested.add(runId);
    }

    /** The runs stop commands named since the last call, oldest first. */
    public List<String> takeRequested() {
        List<String> runIds = new ArrayList<>();
        for (String runId = requested.poll(); runId != null; runId = requested.poll()) {
            runIds.add(runId);
        }
        return runIds;
    }

    /** True when the store records that a user stopped the run. Throws {@code ObjectStoreException} if it cannot say. */
    public boolean isStopped(String runId) {
        return specs.isStopped(runId);
    }
}

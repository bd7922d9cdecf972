package io.ganflow.store;

import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** Run specs in the object store, so that any trainer can pick up any run after a failover, and which were stopped. */
public final class RunSpecStore {

    private final ObjectStore store;

    public RunSpecStore(ObjectStore store) {
        this.store = store;
    }

    public static String key(String runId) {
        return CheckpointStore.runPrefix(runId) + "spec.json";
    }

    public void save(RunSpec spec) {
        store.put(key(spec.runId()), Json.writeBytes(spec), "application/json");
    }

    public Optional<RunSpec> load(String runId) {
        return store.get(key(runId)).map(bytes -> Json.read(bytes, RunSpec.class));
    }

    /** Records that a user stopped the run: no trainer starts, continues or takes it up again. */
    public void markStopped(String runId) {
        store.put(
                stoppedKey(runId),
                Json.writeBytes(Map.of("stoppedMillis", System.currentTimeMillis())),
                "application/json");
    }

    public boolean isStopped(String runId) {
        return store.get(stoppedKey(runId)).isPresent();
    }

    /** When the run's spec was recorded (the gateway records it before it sends the start), or empty without one. */
    public Optional<Instant> recorded(String runId) {
        return store.modified(key(runId));
    }

    /** Removes a run that was never started (its start could not be sent): no trainer takes it up. */
    public void forget(String runId) {
        store.delete(key(runId));
    }

    /**
     * Records that the run failed for a fault of its own (its data cannot be read, its networks cannot be built, a
     * step threw): no trainer takes it up again after a restart, and the reason stays with it.
     */
    public void markFailed(String runId, String reason) {
        store.put(
                failedKey(runId),
                Json.writeBytes(Map.of("failedMillis", System.currentTimeMillis(), "reason", reason)),
                "application/json");
    }

    /** Why the run failed, or empty when it has not. */
    public Optional<String> failure(String runId) {
        return store.get(failedKey(runId)).map(bytes -> {
            Object reason = Json.read(bytes, Map.class).get("reason");
            return reason == null ? "failed" : reason.toString();
        });
    }

    private static String failedKey(String runId) {
        return CheckpointStore.runPrefix(runId) + "failed.json";
    }

    private static String stoppedKey(String runId) {
        return CheckpointStore.runPrefix(runId) + "stopped.json";
    }
}

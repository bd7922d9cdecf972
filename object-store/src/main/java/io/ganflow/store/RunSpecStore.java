package io.ganflow.store;

import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
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
                Json.writeBytes(java.util.Map.of("stoppedMillis", System.currentTimeMillis())),
                "application/json");
    }

    public boolean isStopped(String runId) {
        return store.get(stoppedKey(runId)).isPresent();
    }

    private static String stoppedKey(String runId) {
        return CheckpointStore.runPrefix(runId) + "stopped.json";
    }
}

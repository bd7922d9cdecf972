package io.ganflow.store;

import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import java.util.Optional;

/** Run specs in the object store, so that any trainer can pick up any run after a failover. */
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
}

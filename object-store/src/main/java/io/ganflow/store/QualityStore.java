package io.ganflow.store;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.ReferenceClassifierChoice;
import java.util.List;
import java.util.Optional;

/**
 * Checkpoint quality beside each run ({@code runs/<run>/quality/<step>.json}, kept when retention deletes the
 * checkpoint, so a run's quality curve stays whole) and each data set's reference classifier
 * ({@code classifiers/<data set>.json}).
 */
public final class QualityStore {

    private final ObjectStore store;

    public QualityStore(ObjectStore store) {
        this.store = store;
    }

    public static String qualityPrefix(String runId) {
        return CheckpointStore.runPrefix(runId) + "quality/";
    }

    public static String qualityKey(String runId, long step) {
        return qualityPrefix(runId) + String.format("%012d", step) + ".json";
    }

    public void save(CheckpointQuality quality) {
        store.put(qualityKey(quality.runId(), quality.step()), Json.writeBytes(quality), "application/json");
    }

    public Optional<CheckpointQuality> find(String runId, long step) {
        return store.get(qualityKey(runId, step)).map(bytes -> Json.read(bytes, CheckpointQuality.class));
    }

    public boolean has(String runId, long step) {
        return store.exists(qualityKey(runId, step));
    }

    /** The keys of the run's quality records, oldest checkpoint first. */
    public List<String> keys(String runId) {
        return store.list(qualityPrefix(runId));
    }

    /** The record at {@code key}; empty when it is gone; MalformedEventException when it cannot be read. */
    public Optional<CheckpointQuality> read(String key) {
        return store.get(key).map(bytes -> Json.read(bytes, CheckpointQuality.class));
    }

    public static String choiceKey(String dataset) {
        return "classifiers/" + dataset + ".json";
    }

    public Optional<ReferenceClassifierChoice> classifierOf(String dataset) {
        return store.get(choiceKey(dataset)).map(bytes -> Json.read(bytes, ReferenceClassifierChoice.class));
    }

    public void choose(ReferenceClassifierChoice choice) {
        store.put(choiceKey(choice.dataset()), Json.writeBytes(choice), "application/json");
    }
}

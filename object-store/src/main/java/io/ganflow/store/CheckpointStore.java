package io.ganflow.store;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.Sha256;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Checkpoints in the object store, under {@code runs/<run>/checkpoints/<step>/}. A checkpoint is written part by
 * part and made visible by its manifest, written last; a reader trusts a part only after checking it against the
 * manifest, and skips checkpoints without a valid manifest.
 */
public final class CheckpointStore {

    private static final Logger LOG = Logger.getLogger(CheckpointStore.class);

    private final ObjectStore store;

    public CheckpointStore(ObjectStore store) {
        this.store = store;
    }

    public static String runPrefix(String runId) {
        return "runs/" + runId + "/";
    }

    public static String checkpointPrefix(String runId, long step) {
        return runPrefix(runId) + "checkpoints/" + String.format("%012d", step) + "/";
    }

    /** Writes every part, then the manifest; returns the manifest's key. */
    public String write(String runId, long step, int epoch, Map<String, byte[]> parts) {
        String prefix = checkpointPrefix(runId, step);
        List<CheckpointManifest.Part> described = new ArrayList<>();
        for (Map.Entry<String, byte[]> part : parts.entrySet()) {
            String key = prefix + part.getKey();
            store.put(key, part.getValue(), contentType(part.getKey()));
            described.add(new CheckpointManifest.Part(
                    part.getKey(), key, part.getValue().length, Sha256.hex(part.getValue())));
        }
        CheckpointManifest manifest = new CheckpointManifest(
                CheckpointManifest.VERSION, runId, step, epoch, System.currentTimeMillis(), described);
        String manifestKey = prefix + CheckpointManifest.FILE_NAME;
        store.put(manifestKey, Json.writeBytes(manifest), "application/json");
        return manifestKey;
    }

    public CheckpointManifest readManifest(String manifestKey) {
        byte[] bytes = store.get(manifestKey)
                .orElseThrow(() -> new MalformedEventException("no checkpoint manifest at " + manifestKey));
        return Json.read(bytes, CheckpointManifest.class);
    }

    /** The named part, checked against the manifest's size and SHA-256. */
    public byte[] readPart(CheckpointManifest manifest, String name) {
        CheckpointManifest.Part part = manifest.part(name);
        byte[] content = store.get(part.key())
                .orElseThrow(() -> new MalformedEventException("checkpoint part missing: " + part.key()));
        manifest.verify(name, content);
        return content;
    }

    /** The run's newest checkpoint whose manifest can be read, if any. */
    public Optional<CheckpointManifest> latest(String runId) {
        return manifests(runId).stream().max(Comparator.comparingLong(CheckpointManifest::step));
    }

    /** The run's readable manifests, newest first: where a reader looks for the latest valid checkpoint. */
    public List<CheckpointManifest> newestFirst(String runId) {
        return manifests(runId).stream()
                .sorted(Comparator.comparingLong(CheckpointManifest::step).reversed())
                .toList();
    }

    /** Every readable manifest of a run; unreadable ones are logged and skipped. */
    public List<CheckpointManifest> manifests(String runId) {
        List<CheckpointManifest> manifests = new ArrayList<>();
        for (String key : store.list(runPrefix(runId) + "checkpoints/")) {
            if (key.endsWith("/" + CheckpointManifest.FILE_NAME)) {
                try {
                    manifests.add(readManifest(key));
                } catch (MalformedEventException e) {
                    LOG.warnf("skipping checkpoint %s: %s", key, e.getMessage());
                }
            }
        }
        return manifests;
    }

    /** Run ids that have anything in the store. */
    public List<String> runIds() {
        LinkedHashMap<String, Boolean> ids = new LinkedHashMap<>();
        for (String key : store.list("runs/")) {
            String[] parts = key.split("/");
            if (parts.length > 2) {
                ids.put(parts[1], true);
            }
        }
        return new ArrayList<>(ids.keySet());
    }

    private static String contentType(String partName) {
        if (partName.endsWith(".json")) {
            return "application/json";
        }
        return partName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }
}

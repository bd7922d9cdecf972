package io.ganflow.store;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.Ids;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.Sha256;
import io.ganflow.events.TrainingState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    private static final String RUNS = "runs/";

    public static String runPrefix(String runId) {
        return RUNS + Ids.check(runId, "runId") + "/";
    }

    /** Writes every part, then the manifest; returns the manifest's key. */
    public String write(String runId, long step, int epoch, Map<String, byte[]> parts) {
        String prefix = CheckpointManifest.prefix(runId, step);
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

    /** The manifest of the run's checkpoint at {@code step}, or empty when none is stored. */
    public Optional<CheckpointManifest> manifest(String runId, long step) {
        return store.get(CheckpointManifest.key(runId, step)).map(bytes -> Json.read(bytes, CheckpointManifest.class));
    }

    /** The named part, checked against the manifest's size and SHA-256. */
    public byte[] readPart(CheckpointManifest manifest, String name) {
        CheckpointManifest.Part part = manifest.part(name);
        byte[] content = store.get(part.key())
                .orElseThrow(() -> new MalformedEventException("checkpoint part missing: " + part.key()));
        manifest.verify(name, content);
        return content;
    }

    /** Where training stood at this checkpoint (run spec, step, epoch, position), checked against the manifest. */
    public TrainingState state(CheckpointManifest manifest) {
        return Json.read(readPart(manifest, CheckpointParts.STATE), TrainingState.class);
    }

    /** The run's newest checkpoint whose manifest can be read, if any. */
    public Optional<CheckpointManifest> latest(String runId) {
        Iterator<CheckpointManifest> newest = newestFirst(runId).iterator();
        return newest.hasNext() ? Optional.of(newest.next()) : Optional.empty();
    }

    /**
     * The run's readable manifests, newest first, each read only when the caller gets to it: a reader looking for
     * the latest valid checkpoint usually reads one manifest, not all of them. Unreadable ones are logged and
     * skipped. Steps are zero-padded in keys, so key order is step order.
     */
    public Iterable<CheckpointManifest> newestFirst(String runId) {
        List<String> keys = manifestKeys(runId);
        Collections.reverse(keys);
        return () -> keys.stream()
                .map(this::readableManifest)
                .flatMap(Optional::stream)
                .iterator();
    }

    /** A page of a run's checkpoints: those after step {@code after}, oldest first, and whether more follow. */
    public record Page(List<CheckpointManifest> manifests, boolean more) {}

    /**
     * Up to {@code limit} readable manifests of checkpoints after step {@code after}, oldest first: one listing of
     * the run's keys, and only the page's manifests read.
     */
    public Page page(String runId, long after, int limit) {
        List<String> keys =
                manifestKeys(runId).stream().filter(key -> stepOf(key) > after).toList();
        List<String> page = keys.subList(0, Math.min(limit, keys.size()));
        return new Page(
                page.stream()
                        .map(this::readableManifest)
                        .flatMap(Optional::stream)
                        .toList(),
                keys.size() > page.size());
    }

    /** The step a manifest's key names: {@code runs/<run>/checkpoints/<12 digits>/manifest.json}. */
    private static long stepOf(String manifestKey) {
        String folder = manifestKey.substring(0, manifestKey.length() - CheckpointManifest.FILE_NAME.length() - 1);
        return Long.parseLong(folder.substring(folder.lastIndexOf('/') + 1));
    }

    /** The steps of the run's checkpoints that have a manifest, oldest first (one listing, no manifest read). */
    public List<Long> steps(String runId) {
        return manifestKeys(runId).stream().map(CheckpointStore::stepOf).toList();
    }

    /**
     * Deletes a checkpoint: its manifest first, so that no reader takes it for whole while its parts go, then every
     * object under it (parts, and parts a writer that died left without a manifest).
     */
    public void delete(String runId, long step) {
        store.delete(CheckpointManifest.key(runId, step));
        for (String key : store.list(CheckpointManifest.prefix(runId, step))) {
            store.delete(key);
        }
    }

    private static String pinsPrefix(String runId) {
        return runPrefix(runId) + "pins/";
    }

    /**
     * Keeps the checkpoint at {@code step} from being deleted while {@code holder} (a synthetic data set job, say)
     * uses it. A pin older than {@link #PIN_LIFETIME} is ignored: its holder died without taking it out.
     */
    public String pin(String runId, long step, String holder) {
        String key = pinsPrefix(runId) + step + "/" + System.currentTimeMillis() + "-" + Ids.check(holder, "holder");
        store.put(key, new byte[0], "application/octet-stream");
        return key;
    }

    public void unpin(String pinKey) {
        store.delete(pinKey);
    }

    public static final Duration PIN_LIFETIME = Duration.ofDays(1);

    /**
     * Keeps the checkpoint at {@code step} until {@link #releaseForGood} (a registered model's version holds it).
     * Unlike {@link #pin}, it does not run out: its holder is a record in the store, not a process.
     */
    public void holdForGood(String runId, long step, String model, int version) {
        store.put(holdKey(runId, step, Ids.check(model, "model") + "-v" + version), new byte[0], OCTETS);
    }

    public void releaseForGood(String runId, long step, String model, int version) {
        store.delete(holdKey(runId, step, Ids.check(model, "model") + "-v" + version));
    }

    /**
     * Keeps the checkpoint at {@code step}, written or still to come, until {@code holder} releases it: a hold, which
     * does not run out. A study holds its trials' rung checkpoints until they are measured.
     */
    public void hold(String runId, long step, String holder) {
        store.put(holdKey(runId, step, Ids.check(holder, "holder")), new byte[0], OCTETS);
    }

    public void release(String runId, long step, String holder) {
        store.delete(holdKey(runId, step, Ids.check(holder, "holder")));
    }

    /** The steps {@code holder} holds of the run. */
    public Set<Long> heldSteps(String runId, String holder) {
        String suffix = "/" + Ids.check(holder, "holder");
        Set<Long> steps = new HashSet<>();
        for (String key : store.list(holdsPrefix(runId))) {
            if (key.endsWith(suffix)) {
                heldStep(key.substring(holdsPrefix(runId).length(), key.length() - suffix.length()))
                        .ifPresent(steps::add);
            }
        }
        return steps;
    }

    private static String holdsPrefix(String runId) {
        return runPrefix(runId) + "holds/";
    }

    /** Holds are kept apart from pins, so that a service's store policy can let it write one and not the other. */
    private static String holdKey(String runId, long step, String holder) {
        return holdsPrefix(runId) + step + "/" + holder;
    }

    private static final String OCTETS = "application/octet-stream";

    /**
     * Where registered versions' holds were kept before holds had a folder of their own (local stores only: no store
     * policy let the gateway write them): still honoured, never written.
     */
    private static final String LEGACY_FOR_GOOD = "for-good-";

    /** The steps something holds, or holds a live pin on. */
    public Set<Long> pinnedSteps(String runId) {
        long now = System.currentTimeMillis();
        Set<Long> steps = new HashSet<>();
        for (String key : store.list(pinsPrefix(runId))) {
            String[] parts = key.substring(pinsPrefix(runId).length()).split("/");
            try {
                if (parts[1].startsWith(LEGACY_FOR_GOOD)) {
                    steps.add(Long.parseLong(parts[0]));
                    continue;
                }
                long pinned = Long.parseLong(parts[1].substring(0, parts[1].indexOf('-')));
                if (now - pinned < PIN_LIFETIME.toMillis()) {
                    steps.add(Long.parseLong(parts[0]));
                }
            } catch (RuntimeException e) {
                // not a pin of ours
            }
        }
        for (String key : store.list(holdsPrefix(runId))) {
            String rest = key.substring(holdsPrefix(runId).length());
            int slash = rest.indexOf('/');
            if (slash > 0) {
                heldStep(rest.substring(0, slash)).ifPresent(steps::add);
            }
        }
        return steps;
    }

    private static Optional<Long> heldStep(String text) {
        try {
            return Optional.of(Long.parseLong(text));
        } catch (NumberFormatException e) {
            return Optional.empty(); // not a hold of ours
        }
    }

    /** Run ids that have anything in the store (one listing of the run folders, not of their contents). */
    public List<String> runIds() {
        return store.listFolders(RUNS).stream()
                .map(folder -> folder.substring(RUNS.length(), folder.length() - 1))
                .toList();
    }

    private List<String> manifestKeys(String runId) {
        return new ArrayList<>(store.list(runPrefix(runId) + "checkpoints/").stream()
                .filter(key -> key.endsWith("/" + CheckpointManifest.FILE_NAME))
                .toList());
    }

    private Optional<CheckpointManifest> readableManifest(String key) {
        try {
            return Optional.of(readManifest(key));
        } catch (MalformedEventException e) {
            LOG.warnf("skipping checkpoint %s: %s", key, e.getMessage());
            return Optional.empty();
        }
    }

    private static String contentType(String partName) {
        if (partName.endsWith(".json")) {
            return "application/json";
        }
        return partName.endsWith(".png") ? "image/png" : "application/octet-stream";
    }
}

package io.ganflow.store;

import io.ganflow.events.Catalog;
import io.ganflow.events.DatasetInfo;
import io.ganflow.events.Ids;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.Sha256;
import io.ganflow.events.UploadedDataset;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Users' data sets in the object store: under {@code datasets/<name>/} the archive as uploaded, the decoded pixels
 * (uint8, CHW, image after image) and labels (one byte each), and a manifest written last that makes the data set
 * visible and lets a reader check both objects.
 */
public final class DatasetStore {

    private static final String PREFIX = "datasets/";

    private final ObjectStore store;

    public DatasetStore(ObjectStore store) {
        this.store = store;
    }

    /** The folder of a data set's objects; only a valid name becomes a key. */
    private static String folder(String name) {
        return PREFIX + Ids.check(name, "data set name") + "/";
    }

    public static String archiveKey(String name) {
        return folder(name) + "upload.archive";
    }

    private static String manifestKey(String name) {
        return folder(name) + "manifest.json";
    }

    private static String pixelsKey(String name) {
        return folder(name) + "pixels.bin";
    }

    private static String labelsKey(String name) {
        return folder(name) + "labels.bin";
    }

    /** Streams an upload's archive into the store (its uploader holds the name); returns its size in bytes. */
    public long saveArchive(String name, InputStream archive) {
        return store.putStream(archiveKey(name), archive, "application/octet-stream");
    }

    /** Copies the uploaded archive of {@code name} into {@code file}; false when there is none. */
    public boolean archiveToFile(String name, Path file) {
        return store.getToFile(archiveKey(name), file);
    }

    /**
     * Removes everything an upload that was refused left: archive, and pixels and labels an import wrote before it
     * failed. A data set that has its manifest is never removed.
     */
    public void removeUpload(String name) {
        if (manifest(name).isPresent()) {
            return;
        }
        for (String key : List.of(archiveKey(name), pixelsKey(name), labelsKey(name))) {
            store.delete(key);
        }
    }

    /** Stores the decoded images; the manifest goes last, so a reader never sees half a data set. */
    public UploadedDataset save(UploadedDataset described, byte[] pixels, byte[] labels) {
        UploadedDataset manifest = new UploadedDataset(
                UploadedDataset.VERSION,
                described.name(),
                described.channels(),
                described.side(),
                described.classes(),
                described.counts(),
                described.skipped(),
                pixels.length,
                Sha256.hex(pixels),
                Sha256.hex(labels),
                System.currentTimeMillis(),
                described.heldOutEvery());
        store.put(pixelsKey(manifest.name()), pixels, "application/octet-stream");
        store.put(labelsKey(manifest.name()), labels, "application/octet-stream");
        store.put(manifestKey(manifest.name()), Json.writeBytes(manifest), "application/json");
        return manifest;
    }

    /** A data set's shape by name, built in or uploaded: what checking a run against its model needs. */
    public Optional<Catalog.Dataset> find(String name) {
        Optional<Catalog.Dataset> builtIn = Catalog.dataset(name);
        if (builtIn.isPresent() || !Ids.isValid(name)) {
            return builtIn;
        }
        return manifest(name).map(m -> DatasetInfo.of(m).shape());
    }

    public Optional<UploadedDataset> manifest(String name) {
        return store.get(manifestKey(name)).map(bytes -> Json.read(bytes, UploadedDataset.class));
    }

    /** Every uploaded data set whose manifest can be read, in name order. */
    public List<UploadedDataset> list() {
        List<UploadedDataset> datasets = new ArrayList<>();
        for (String key : store.list(PREFIX)) {
            if (key.endsWith("/manifest.json")) {
                try {
                    datasets.add(Json.read(store.get(key).orElseThrow(), UploadedDataset.class));
                } catch (RuntimeException e) {
                    // a manifest being replaced or damaged: the data set is not listed until it can be read
                }
            }
        }
        return datasets;
    }

    /** The decoded pixels and labels, each checked against the manifest. */
    public Contents contents(UploadedDataset manifest) {
        byte[] pixels = verified(pixelsKey(manifest.name()), manifest.pixelsSha256());
        byte[] labels = verified(labelsKey(manifest.name()), manifest.labelsSha256());
        return new Contents(pixels, labels);
    }

    public record Contents(byte[] pixels, byte[] labels) {}

    private byte[] verified(String key, String sha256) {
        byte[] content =
                store.get(key).orElseThrow(() -> new MalformedEventException("data set object missing: " + key));
        if (!Sha256.hex(content).equals(sha256)) {
            throw new MalformedEventException("data set object " + key + " fails its SHA-256 check");
        }
        return content;
    }
}

package io.ganflow.events;

import java.util.List;

/**
 * Makes a checkpoint visible: written last, after every part, it lists each part's object key, size and SHA-256.
 * A reader ignores a checkpoint whose manifest is missing or does not match its parts.
 */
public record CheckpointManifest(
        int version, String runId, long step, int epoch, long createdMillis, List<Part> parts) {

    public static final int VERSION = 1;
    public static final String FILE_NAME = "manifest.json";
    /** Steps are 12 digits in keys, so that key order is step order. */
    public static final long MAX_STEP = 999_999_999_999L;

    /** Where the checkpoint of {@code runId} at {@code step} keeps its parts: steps are zero-padded, so key order is step order. */
    public static String prefix(String runId, long step) {
        return "runs/" + Ids.check(runId, "runId") + "/checkpoints/" + String.format("%012d", step) + "/";
    }

    /** The key of that checkpoint's manifest. */
    public static String key(String runId, long step) {
        return prefix(runId, step) + FILE_NAME;
    }

    public record Part(String name, String key, long size, String sha256) {}

    public boolean has(String name) {
        return parts.stream().anyMatch(p -> p.name().equals(name));
    }

    public Part part(String name) {
        return parts.stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> new MalformedEventException("checkpoint " + runId + "@" + step + " has no part " + name));
    }

    /** Throws {@link MalformedEventException} naming the part unless {@code content} is exactly that part. */
    public void verify(String partName, byte[] content) {
        Part part = part(partName);
        if (content.length != part.size()) {
            throw new MalformedEventException("checkpoint " + runId + "@" + step + " part " + partName + " has "
                    + content.length + " bytes, manifest says " + part.size());
        }
        String actual = Sha256.hex(content);
        if (!actual.equals(part.sha256())) {
            throw new MalformedEventException("checkpoint " + runId + "@" + step + " part " + partName
                    + " fails its SHA-256 check (" + actual + " != " + part.sha256() + ")");
        }
    }
}

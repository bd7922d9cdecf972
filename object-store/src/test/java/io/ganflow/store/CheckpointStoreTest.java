package io.ganflow.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.MalformedEventException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointStoreTest {

    private final ObjectStore store = LocalStore.freshBucket();
    private final CheckpointStore checkpoints = new CheckpointStore(store);

    private static Map<String, byte[]> parts(int seed) {
        Random random = new Random(seed);
        byte[] generator = new byte[100_000];
        random.nextBytes(generator);
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("generator.params", generator);
        parts.put("training-state.json", ("{\"step\":" + seed + "}").getBytes());
        return parts;
    }

    @Test
    void writtenPartsReadBackVerified() {
        Map<String, byte[]> parts = parts(20);
        String manifestKey = checkpoints.write("run-a", 20, 1, parts);
        CheckpointManifest manifest = checkpoints.readManifest(manifestKey);
        assertEquals(20, manifest.step());
        assertArrayEquals(parts.get("generator.params"), checkpoints.readPart(manifest, "generator.params"));
    }

    @Test
    void latestIsTheHighestStepWithAManifest() {
        checkpoints.write("run-b", 10, 0, parts(10));
        checkpoints.write("run-b", 200, 2, parts(200));
        checkpoints.write("run-b", 30, 0, parts(30));
        // parts of step 300 written, but the writer died before its manifest
        store.put(CheckpointManifest.prefix("run-b", 300) + "generator.params", new byte[10], "x/y");
        assertEquals(200, checkpoints.latest("run-b").orElseThrow().step());
        assertTrue(checkpoints.latest("run-none").isEmpty());
    }

    @Test
    void newestFirstSkipsAnUnreadableManifestAndEachRunIsListedOnce() {
        checkpoints.write("run-d", 10, 0, parts(10));
        checkpoints.write("run-d", 20, 0, parts(20));
        // a newer manifest that cannot be read: the newest readable one is step 20
        store.put(
                CheckpointManifest.prefix("run-d", 30) + CheckpointManifest.FILE_NAME,
                "not json".getBytes(),
                "application/json");
        List<Long> steps = new ArrayList<>();
        checkpoints.newestFirst("run-d").forEach(m -> steps.add(m.step()));
        assertEquals(List.of(20L, 10L), steps);
        assertEquals(20, checkpoints.latest("run-d").orElseThrow().step());
        List<String> runs = checkpoints.runIds();
        assertEquals(1, runs.stream().filter("run-d"::equals).count(), runs.toString());
    }

    @Test
    void aCorruptedPartIsRefused() {
        CheckpointManifest manifest = checkpoints.readManifest(checkpoints.write("run-c", 5, 0, parts(5)));
        byte[] corrupted = parts(5).get("generator.params");
        corrupted[500] ^= 0x40;
        store.put(manifest.part("generator.params").key(), corrupted, "application/octet-stream");
        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> checkpoints.readPart(manifest, "generator.params"));
        assertTrue(error.getMessage().contains("SHA-256"), error.getMessage());
    }

    @Test
    void aHolderHoldsStepsStillToComeUntilItReleasesThemAndHoldsOnlyItsOwn() {
        checkpoints.hold("run-h", 10, "study-a");
        checkpoints.hold("run-h", 20, "study-a");
        checkpoints.hold("run-h", 30, "study-b");
        checkpoints.pin("run-h", 50, "a-job");
        checkpoints.holdForGood("run-h", 40, "clothes", 1);
        assertEquals(Set.of(10L, 20L), checkpoints.heldSteps("run-h", "study-a"));
        assertEquals(Set.of(10L, 20L, 30L, 40L, 50L), checkpoints.pinnedSteps("run-h"), "retention keeps them all");
        checkpoints.release("run-h", 10, "study-a");
        assertEquals(Set.of(20L), checkpoints.heldSteps("run-h", "study-a"));
        checkpoints.releaseForGood("run-h", 40, "clothes", 1);
        assertEquals(Set.of(20L, 30L, 50L), checkpoints.pinnedSteps("run-h"));
    }

    @Test
    void aMissingObjectIsEmptyNotAnError() {
        assertTrue(store.get("runs/nothing/here").isEmpty());
    }
}

package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckpointManifestTest {

    private final byte[] content = new byte[4096];
    private final CheckpointManifest manifest;

    CheckpointManifestTest() {
        new Random(1).nextBytes(content);
        manifest = new CheckpointManifest(
                CheckpointManifest.VERSION,
                "run-1",
                40,
                1,
                0L,
                List.of(new CheckpointManifest.Part(
                        "generator", "runs/run-1/checkpoints/40/generator", content.length, Sha256.hex(content))));
    }

    @Test
    void acceptsThePartItDescribes() {
        assertDoesNotThrow(() -> manifest.verify("generator", content.clone()));
    }

    @Test
    void detectsASingleFlippedByte() {
        byte[] corrupted = content.clone();
        corrupted[1234] ^= 0x01;
        MalformedEventException error =
                assertThrows(MalformedEventException.class, () -> manifest.verify("generator", corrupted));
        assertTrue(error.getMessage().contains("SHA-256"), error.getMessage());
    }

    @Test
    void detectsATruncatedPart() {
        byte[] truncated = java.util.Arrays.copyOf(content, content.length - 1);
        assertThrows(MalformedEventException.class, () -> manifest.verify("generator", truncated));
    }

    @Test
    void roundTripsThroughJson() {
        CheckpointManifest read = Json.read(Json.write(manifest), CheckpointManifest.class);
        assertDoesNotThrow(() -> read.verify("generator", content));
    }
}

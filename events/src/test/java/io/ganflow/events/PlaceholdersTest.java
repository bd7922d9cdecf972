package io.ganflow.events;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    @Test
    void everySecretOfTheDeploymentExamplesIsRefused() throws Exception {
        try (var examples = Files.list(Path.of("..", "k8s", "base", "secrets"))) {
            for (Path example :
                    examples.filter(f -> f.toString().endsWith(".env.example")).toList()) {
                for (String line : Files.readAllLines(example)) {
                    String[] setting = line.split("=", 2);
                    if (setting.length == 2 && !setting[0].endsWith("_USER")) {
                        assertTrue(Placeholders.isPlaceholder(setting[1]), example.getFileName() + ": " + line);
                    }
                }
            }
        }
    }

    @Test
    void wellKnownDefaultsAreRefusedAndTheErrorNeverShowsTheValue() {
        assertTrue(Placeholders.isPlaceholder("minioadmin"));
        assertTrue(Placeholders.isPlaceholder(" Change-Me-Please "));
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> Placeholders.refuse("GAN_S3_SECRET_KEY", "changeme42"));
        assertTrue(refused.getMessage().startsWith("GAN_S3_SECRET_KEY is a placeholder"));
        assertFalse(refused.getMessage().contains("changeme42"));
    }

    @Test
    void realSecretsPass() {
        assertFalse(Placeholders.isPlaceholder("op-6f1c2a9e0b7d4c3f"));
        assertFalse(Placeholders.isPlaceholder("ganflow-dev-secret"), "the local stack's own");
        assertDoesNotThrow(() -> Placeholders.refuse("GAN_OPERATOR_KEYS", "e2e-operator-key"));
    }
}

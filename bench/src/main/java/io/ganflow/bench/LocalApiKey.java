package io.ganflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The operator key of the local stack: GAN_OPERATOR_KEYS, or the one ./gan up made in .gan/local/api-keys.env. */
final class LocalApiKey {

    private LocalApiKey() {}

    static String operator() {
        String fromEnvironment = System.getenv("GAN_OPERATOR_KEYS");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.split(",")[0].trim();
        }
        try {
            return Files.readAllLines(Path.of(".gan/local/api-keys.env")).stream()
                    .filter(line -> line.startsWith("GAN_OPERATOR_KEYS="))
                    .map(line -> line.substring("GAN_OPERATOR_KEYS=".length())
                            .split(",")[0]
                            .trim())
                    .findFirst()
                    .orElseThrow();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("no operator key: set GAN_OPERATOR_KEYS or start the stack with ./gan up");
        }
    }
}

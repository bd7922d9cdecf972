package io.ganflow.events;

import java.util.List;
import java.util.Locale;

/**
 * Keys and passwords that are examples, not secrets: what secrets.env.example ships (change-me...) and the
 * well-known defaults of the tools (MinIO's minioadmin). A service given one refuses to start, so that a deployment
 * never runs on a password everyone can read.
 */
public final class Placeholders {

    private static final List<String> MARKERS = List.of("change-me", "changeme", "change_me", "replace-me");
    private static final List<String> DEFAULTS = List.of("minioadmin", "password", "secret", "admin", "example");

    private Placeholders() {}

    public static boolean isPlaceholder(String value) {
        String lower = value.trim().toLowerCase(Locale.ROOT);
        return MARKERS.stream().anyMatch(lower::contains) || DEFAULTS.contains(lower);
    }

    /** Throws, naming the setting and never its value, when {@code value} is a placeholder. */
    public static void refuse(String setting, String value) {
        if (value != null && isPlaceholder(value)) {
            throw new IllegalStateException(
                    setting + " is a placeholder from an example or a tool's default: set a real secret");
        }
    }
}

package io.ganflow.events;

/**
 * Checks the event records run in their constructors: an event that fails one cannot be built, by a producer or by a
 * consumer's deserializer, so a handler never holds an event without its run id or of a version it does not know.
 */
final class Fields {

    private Fields() {}

    /** Versions 1 to {@code newest} are understood; a newer producer's events are refused, not misread. */
    static void version(int version, int newest, String type) {
        if (version < 1 || version > newest) {
            throw new IllegalArgumentException(
                    type + " version " + version + " is not supported (this service reads 1 to " + newest + ")");
        }
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
        return value;
    }

    static void atLeast(long value, long min, String field) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be at least " + min + ", was " + value);
        }
    }

    /** A share (an accuracy): absent, or in [0, 1]. */
    static void share(Double value, String field) {
        if (value != null && !(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be in [0, 1], was " + value);
        }
    }
}

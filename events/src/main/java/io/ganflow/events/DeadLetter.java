package io.ganflow.events;

/** Where a consumer parks a message it cannot process, so that one bad message never stops it. */
public final class DeadLetter {

    private DeadLetter() {}

    public static String topicFor(String service) {
        return "dead-letters-" + service;
    }
}

package io.ganflow.e2e;

import java.time.Duration;
import java.util.concurrent.Callable;

/** Polls until something holds: the end-to-end test watches a distributed system, which gets there in its own time. */
final class Eventually {

    private Eventually() {}

    /** Calls {@code attempt} every 200 ms until it returns non-null, and returns that; fails after {@code timeout}. */
    static <T> T within(Duration timeout, String what, Callable<T> attempt) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            T result = attempt.call();
            if (result != null) {
                return result;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("not within " + timeout + ": " + what);
    }
}

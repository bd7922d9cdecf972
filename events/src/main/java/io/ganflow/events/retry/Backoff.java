package io.ganflow.events.retry;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter (each wait drawn between half and all of the current bound), so that
 * replicas that lost the same broker or store do not all call it again in the same instant. Not thread-safe: one per
 * retrying caller.
 */
public final class Backoff {

    private final long firstMillis;
    private final long capMillis;
    private long boundMillis;
    private long notBeforeMillis;

    public Backoff(long firstMillis, long capMillis) {
        if (firstMillis < 1 || capMillis < firstMillis) {
            throw new IllegalArgumentException(
                    "backoff needs 1 <= first <= cap, was " + firstMillis + ", " + capMillis);
        }
        this.firstMillis = firstMillis;
        this.capMillis = capMillis;
    }

    /** Records a failure; returns how long to wait before the next try. */
    public long failed() {
        boundMillis = boundMillis == 0 ? firstMillis : Math.min(capMillis, 2 * boundMillis);
        long wait = boundMillis / 2 + ThreadLocalRandom.current().nextLong(boundMillis / 2 + 1);
        notBeforeMillis = System.currentTimeMillis() + wait;
        return wait;
    }

    /** Records a success: the next failure waits the shortest time again. */
    public void succeeded() {
        boundMillis = 0;
        notBeforeMillis = 0;
    }

    /** True when no failure is pending or its wait is over: for callers that try again on their own schedule. */
    public boolean due() {
        return System.currentTimeMillis() >= notBeforeMillis;
    }

    /** Sleeps for the wait of a new failure; returns false when interrupted (the caller should stop). */
    public boolean sleepAfterFailure() {
        return sleep(failed());
    }

    /** Sleeps; returns false when interrupted, with the thread's interrupt flag set again (the caller should stop). */
    public static boolean sleep(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}

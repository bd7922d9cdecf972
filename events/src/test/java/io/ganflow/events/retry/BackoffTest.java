package io.ganflow.events.retry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void waitsDoubleFromTheFirstUpToTheCapEachDrawnInItsUpperHalf() {
        Backoff backoff = new Backoff(100, 1_000);
        long[] bounds = {100, 200, 400, 800, 1_000, 1_000, 1_000};
        for (long bound : bounds) {
            long wait = backoff.failed();
            assertTrue(
                    wait >= bound / 2 && wait <= bound, "wait " + wait + " within [" + bound / 2 + ", " + bound + "]");
        }
    }

    @Test
    void replicasThatFailTogetherDoNotAllRetryInTheSameInstant() {
        java.util.Set<Long> waits = new java.util.HashSet<>();
        for (int replica = 0; replica < 20; replica++) {
            Backoff backoff = new Backoff(1_000, 30_000);
            backoff.failed();
            backoff.failed();
            waits.add(backoff.failed());
        }
        assertTrue(waits.size() > 10, "jittered waits: " + waits);
    }

    @Test
    void aSuccessStartsOverAndADueCheckHonoursThePendingWait() {
        Backoff backoff = new Backoff(60_000, 60_000);
        assertTrue(backoff.due());
        backoff.failed();
        assertFalse(backoff.due(), "the wait of at least 30 s is not over");
        backoff.succeeded();
        assertTrue(backoff.due());
        assertTrue(backoff.failed() <= 60_000);
    }

    @Test
    void refusesBoundsThatMakeNoSense() {
        assertThrows(IllegalArgumentException.class, () -> new Backoff(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new Backoff(10, 5));
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.models.serving.LoadedGenerator;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loaded generator with a count of the requests using it, so that a swap never closes it under a request in
 * flight: it is closed when it has been replaced and its last user lets go.
 */
final class ServingGenerator {

    private final LoadedGenerator generator;
    private final AtomicInteger users = new AtomicInteger();
    private volatile boolean retired;
    private volatile long lastUsedNanos = System.nanoTime();

    ServingGenerator(LoadedGenerator generator) {
        this.generator = generator;
    }

    /** When a request last took it: the registry unloads the least recently used first. */
    long lastUsedNanos() {
        return lastUsedNanos;
    }

    LoadedGenerator generator() {
        return generator;
    }

    /** False when it was retired before this request could take it; the caller then reads the new one. */
    boolean acquire() {
        lastUsedNanos = System.nanoTime();
        users.incrementAndGet();
        if (retired) {
            release();
            return false;
        }
        return true;
    }

    void release() {
        if (users.decrementAndGet() == 0 && retired) {
            closeOnce();
        }
    }

    void retire() {
        retired = true;
        if (users.get() == 0) {
            closeOnce();
        }
    }

    private synchronized void closeOnce() {
        if (!closed) {
            closed = true;
            generator.close();
        }
    }

    private boolean closed;
}

package io.ganflow.models.serving;

/** A generator's queue is full: the request is refused at once, and may be tried again in a moment. */
public final class GenerationBusyException extends RuntimeException {

    public GenerationBusyException(int maxQueuedImages) {
        super("the generator has " + maxQueuedImages + " images queued; try again in a moment");
    }
}

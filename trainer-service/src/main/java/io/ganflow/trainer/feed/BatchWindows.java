package io.ganflow.trainer.feed;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import java.util.Optional;

/**
 * The trainer's half of flow control with the dataset-service. A run's batches are asked for in aligned windows of
 * {@code size} batches, and the next window when the run is half way through the current one: the run never waits
 * for data, and the batch topic holds at most about two windows of it, so runs that share a partition take turns
 * window by window instead of epoch by epoch. Which window to ask for follows from the batch alone, so a trainer that
 * resumes a run needs no memory of what was asked before; a window asked for twice only yields duplicates, which
 * the training loop skips.
 */
public final class BatchWindows {

    private final int size;

    public BatchWindows(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("window size must be at least 1 batch, was " + size);
        }
        this.size = size;
    }

    /** The window holding batch {@code index} of {@code epoch}: where a new, resumed or stalled run asks to go on. */
    public EpochRequest holding(RunSpec spec, int epoch, int index) {
        return EpochRequest.windowHolding(spec, epoch, index, size);
    }

    /** The window to ask for after training {@code batch}: only its window's middle batch asks for the next one. */
    public Optional<EpochRequest> nextAfter(RunSpec spec, ImageBatch batch) {
        int start = batch.index() / size * size;
        int end = Math.min(batch.batchesInEpoch(), start + size);
        int middle = Math.min(start + size / 2, end - 1);
        if (batch.index() != middle) {
            return Optional.empty();
        }
        if (end < batch.batchesInEpoch()) {
            return Optional.of(holding(spec, batch.epoch(), end));
        }
        if (batch.epoch() + 1 < spec.epochs()) {
            return Optional.of(holding(spec, batch.epoch() + 1, 0));
        }
        return Optional.empty();
    }
}

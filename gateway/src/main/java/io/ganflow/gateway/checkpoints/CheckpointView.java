package io.ganflow.gateway.checkpoints;

import io.ganflow.events.CheckpointQuality;

/**
 * A checkpoint as clients see it: its step, the epoch training continues with, when it was written, its sample grid,
 * and its measured quality (null until the evaluator has measured it); {@code best} marks the lowest FCD stored.
 */
public record CheckpointView(
        long step, int epoch, long createdMillis, String samples, CheckpointQuality quality, boolean best) {}

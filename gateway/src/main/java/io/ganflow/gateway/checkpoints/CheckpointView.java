package io.ganflow.gateway.checkpoints;

/** A checkpoint as clients see it: its step, the epoch training continues with, and when it was written. */
public record CheckpointView(long step, int epoch, long createdMillis, String samples) {}

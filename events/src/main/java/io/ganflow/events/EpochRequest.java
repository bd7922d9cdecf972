package io.ganflow.events;

/**
 * A trainer asks the dataset-service to publish one epoch of a run as batches. The shuffle is fixed by (seed, epoch),
 * so asking twice gives the same batches in the same order.
 */
public record EpochRequest(int version, String runId, String dataset, int epoch, int batchSize, long seed, int limit) {

    public static final String TOPIC = "epoch-requests";
    public static final int VERSION = 1;

    public static EpochRequest of(RunSpec spec, int epoch) {
        return new EpochRequest(
                VERSION, spec.runId(), spec.dataset(), epoch, spec.batchSize(), spec.seed(), spec.datasetLimit());
    }
}

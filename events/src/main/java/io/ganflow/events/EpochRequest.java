package io.ganflow.events;

/**
 * A trainer asks the dataset-service to publish part of one epoch of a run as batches: {@code batchCount} batches
 * from {@code firstBatch} on (0: to the end of the epoch). The shuffle is fixed by (seed, epoch), so asking twice
 * gives the same batches in the same order. Trainers ask for small windows rather than whole epochs, so that the
 * batch topic never holds more than a window or two of any run and runs sharing a partition take turns.
 */
public record EpochRequest(
        int version,
        String runId,
        String dataset,
        int epoch,
        int batchSize,
        long seed,
        int limit,
        int firstBatch,
        int batchCount) {

    public static final String TOPIC = "epoch-requests";
    public static final int VERSION = 2;

    public EpochRequest {
        Fields.version(version, VERSION, "EpochRequest");
        Ids.check(runId, "runId");
        Fields.required(dataset, "dataset");
        Fields.atLeast(epoch, 0, "epoch");
        if (batchSize < 1 || batchSize > RunSpec.MAX_BATCH_SIZE) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and " + RunSpec.MAX_BATCH_SIZE + ", was " + batchSize);
        }
        Fields.atLeast(limit, 0, "limit");
        Fields.atLeast(firstBatch, 0, "firstBatch");
        Fields.atLeast(batchCount, 0, "batchCount");
    }

    /** The whole epoch (what version 1 requests meant). */
    public EpochRequest(int version, String runId, String dataset, int epoch, int batchSize, long seed, int limit) {
        this(version, runId, dataset, epoch, batchSize, seed, limit, 0, 0);
    }

    /** The window of {@code windowSize} batches of {@code epoch} that holds batch {@code index}. */
    public static EpochRequest windowHolding(RunSpec spec, int epoch, int index, int windowSize) {
        int first = index / windowSize * windowSize;
        return new EpochRequest(
                VERSION,
                spec.runId(),
                spec.dataset(),
                epoch,
                spec.batchSize(),
                spec.seed(),
                spec.datasetLimit(),
                first,
                windowSize);
    }

    /** The batches this request covers in an epoch of {@code batchesInEpoch}: [from, to). */
    public int lastBatchExclusive(int batchesInEpoch) {
        return batchCount <= 0 ? batchesInEpoch : Math.min(batchesInEpoch, firstBatch + batchCount);
    }
}

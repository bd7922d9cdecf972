package io.ganflow.events;

/**
 * Where a run stands, saved in every checkpoint: enough, with the networks and optimisers, to continue as if nothing
 * happened.
 *
 * @param nextBatchIndex the first batch of {@code epoch} not yet trained
 * @param randomStateStep training randomness is derived from (seed, step), so the step is the whole random state
 * @param numerics how the trainer that wrote the checkpoint computed, and on what (null in checkpoints written before
 *     it was recorded, and until a checkpoint is written)
 */
public record TrainingState(
        int version,
        RunSpec spec,
        long step,
        int epoch,
        int nextBatchIndex,
        boolean completed,
        long randomStateStep,
        NumericsProvenance numerics) {

    public static final int VERSION = 1;

    public static TrainingState start(RunSpec spec) {
        return new TrainingState(VERSION, spec, 0, 0, 0, false, 0, null);
    }

    /** The state after training batch {@code index} of {@code epoch}, which has {@code batchesInEpoch} batches. */
    public TrainingState afterBatch(int batchEpoch, int index, int batchesInEpoch) {
        long nextStep = step + 1;
        boolean epochDone = index + 1 >= batchesInEpoch;
        int nextEpoch = epochDone ? batchEpoch + 1 : batchEpoch;
        int nextIndex = epochDone ? 0 : index + 1;
        return new TrainingState(
                VERSION, spec, nextStep, nextEpoch, nextIndex, nextEpoch >= spec.epochs(), nextStep, numerics);
    }

    /** This state as the trainer computing with {@code provenance} writes it into a checkpoint. */
    public TrainingState computedWith(NumericsProvenance provenance) {
        return new TrainingState(version, spec, step, epoch, nextBatchIndex, completed, randomStateStep, provenance);
    }

    /** True when the batch at ({@code batchEpoch}, {@code index}) was already trained. */
    public boolean hasTrained(int batchEpoch, int index) {
        return batchEpoch < epoch || (batchEpoch == epoch && index < nextBatchIndex);
    }
}

package io.ganflow.trainer.training;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.StepResult;
import org.apache.kafka.common.TopicPartition;

/**
 * One run being trained on this trainer: its networks and where it stands. The training loop's thread owns it.
 */
final class RunSession implements AutoCloseable {

    private final RunTraining training;
    private final TopicPartition partition;
    private TrainingState state;
    private long checkpointedStep;
    private long reRequestedPosition = -1;
    private long heldFromOffset = -1;
    private boolean checkpointDue;
    private boolean stopping;
    private final MetricsWindow window = new MetricsWindow();

    RunSession(RunTraining training, TrainingState state, TopicPartition partition) {
        this.training = training;
        this.state = state;
        this.partition = partition;
        this.checkpointedStep = state.step();
    }

    /** The batch-topic partition that carries this run's batches. */
    TopicPartition partition() {
        return partition;
    }

    /** True when steps were trained since the latest checkpoint (or since the run was resumed from it). */
    boolean hasUncheckpointedSteps() {
        return state.step() > checkpointedStep;
    }

    long checkpointedStep() {
        return checkpointedStep;
    }

    /** A checkpoint now holds everything trained: the batches before it need not be read again. */
    void checkpointed() {
        checkpointedStep = state.step();
        heldFromOffset = -1;
        checkpointDue = false;
    }

    /**
     * The offset of the first batch trained since the latest checkpoint, or -1: the partition's committed offset must
     * not pass it, or a crash would lose that batch.
     */
    long heldFromOffset() {
        return heldFromOffset;
    }

    /** A checkpoint is owed (its step came, or the run is stopping or handed over) but not yet written. */
    boolean checkpointDue() {
        return checkpointDue;
    }

    void owesCheckpoint() {
        checkpointDue = true;
    }

    /** A user stopped the run: it trains no more and ends once what it trained is checkpointed. */
    boolean stopping() {
        return stopping;
    }

    void stop() {
        stopping = true;
        if (hasUncheckpointedSteps()) {
            checkpointDue = true;
        }
    }

    RunSpec spec() {
        return state.spec();
    }

    TrainingState state() {
        return state;
    }

    RunTraining training() {
        return training;
    }

    MetricsWindow window() {
        return window;
    }

    /** True when {@code batch} is the very next one this run needs. */
    boolean isNext(ImageBatch batch) {
        return batch.epoch() == state.epoch() && batch.index() == state.nextBatchIndex();
    }

    /**
     * Marks that the run's next batch was asked for again because batches were missing; returns false when it
     * already was, so that one gap leads to one request.
     */
    boolean markReRequested() {
        long position = state.step();
        if (reRequestedPosition == position) {
            return false;
        }
        reRequestedPosition = position;
        return true;
    }

    /** Trains the batch read at {@code offset} of the run's partition. */
    StepResult train(ImageBatch batch, long offset) {
        if (heldFromOffset < 0) {
            heldFromOffset = offset;
        }
        StepResult result = training.step(batch, state.step());
        state = state.afterBatch(batch.epoch(), batch.index(), batch.batchesInEpoch());
        window.add(result, batch.size());
        return result;
    }

    @Override
    public void close() {
        training.close();
    }
}

package io.ganflow.trainer.runs;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.StepResult;
import io.ganflow.trainer.reporting.MetricsWindow;
import org.apache.kafka.common.TopicPartition;

/**
 * One run being trained on this trainer: its networks, where it stands and its {@link Phase}. The training thread
 * owns it.
 */
public final class RunSession implements AutoCloseable {

    /** Where a run is in its life on this trainer. */
    public enum Phase {
        /** It trains; nothing is owed. */
        TRAINING,
        /** It trains; a checkpoint is owed (its step came) and not yet written. */
        CHECKPOINT_DUE,
        /** It trained its last batch: it ends once its last checkpoint is written. */
        COMPLETING,
        /** A user stopped it: it trains no more and ends once what it trained is checkpointed. */
        STOPPING
    }

    private final RunTraining training;
    private final TopicPartition partition;
    private final MetricsWindow window = new MetricsWindow();
    private TrainingState state;
    private Phase phase = Phase.TRAINING;
    private long checkpointedStep;
    private long reRequestedPosition = -1;
    private long heldFromOffset = -1;

    public RunSession(RunTraining training, TrainingState state, TopicPartition partition) {
        this.training = training;
        this.state = state;
        this.partition = partition;
        this.checkpointedStep = state.step();
    }

    public Phase phase() {
        return phase;
    }

    /** True while the run takes batches: neither completing nor stopping. */
    public boolean trains() {
        return phase == Phase.TRAINING || phase == Phase.CHECKPOINT_DUE;
    }

    /** True when {@code batch} is one this run still needs, now or later. */
    public boolean wants(ImageBatch batch) {
        return trains() && !state.hasTrained(batch.epoch(), batch.index());
    }

    /** True when {@code batch} is the very next one this run needs. */
    public boolean isNext(ImageBatch batch) {
        return batch.epoch() == state.epoch() && batch.index() == state.nextBatchIndex();
    }

    /**
     * Trains the batch read at {@code offset} of the run's partition; a checkpoint is owed when {@code checkpointNow}
     * or the run has trained its last batch.
     */
    public StepResult train(ImageBatch batch, long offset, boolean checkpointNow) {
        if (heldFromOffset < 0) {
            heldFromOffset = offset;
        }
        StepResult result = training.step(batch, state.step());
        state = state.afterBatch(batch.epoch(), batch.index(), batch.batchesInEpoch());
        window.add(result, batch.size());
        if (state.completed()) {
            phase = Phase.COMPLETING;
        } else if (checkpointNow) {
            phase = Phase.CHECKPOINT_DUE;
        }
        return result;
    }

    /** A user stopped the run. */
    public void stop() {
        phase = Phase.STOPPING;
    }

    /** A checkpoint is owed (its step came, or the run is completing or stopping) and not yet written. */
    public boolean checkpointDue() {
        return phase != Phase.TRAINING && hasUncheckpointedSteps();
    }

    /** A completing or stopping run whose checkpoint holds everything it trained: it has nothing left to do here. */
    public boolean finished() {
        return (phase == Phase.COMPLETING || phase == Phase.STOPPING) && !hasUncheckpointedSteps();
    }

    /** A checkpoint now holds everything trained: the batches before it need not be read again. */
    public void checkpointed() {
        checkpointedStep = state.step();
        heldFromOffset = -1;
        if (phase == Phase.CHECKPOINT_DUE) {
            phase = Phase.TRAINING;
        }
    }

    /** True when steps were trained since the latest checkpoint (or since the run was resumed from it). */
    public boolean hasUncheckpointedSteps() {
        return state.step() > checkpointedStep;
    }

    public long checkpointedStep() {
        return checkpointedStep;
    }

    /**
     * The offset of the first batch trained since the latest checkpoint, or -1: the partition's committed offset must
     * not pass it, or a crash would lose that batch.
     */
    public long heldFromOffset() {
        return heldFromOffset;
    }

    /**
     * Marks that the run's next batch was asked for again because batches were missing; returns false when it
     * already was, so that one gap leads to one request.
     */
    public boolean markReRequested() {
        long position = state.step();
        if (reRequestedPosition == position) {
            return false;
        }
        reRequestedPosition = position;
        return true;
    }

    /** The batch-topic partition that carries this run's batches. */
    public TopicPartition partition() {
        return partition;
    }

    public RunSpec spec() {
        return state.spec();
    }

    public TrainingState state() {
        return state;
    }

    public RunTraining training() {
        return training;
    }

    public MetricsWindow window() {
        return window;
    }

    @Override
    public void close() {
        training.close();
    }
}

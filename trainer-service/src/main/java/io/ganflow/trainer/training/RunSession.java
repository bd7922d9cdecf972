package io.ganflow.trainer.training;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.GanTraining;
import io.ganflow.models.training.StepResult;
import org.apache.kafka.common.TopicPartition;

/**
 * One run being trained on this trainer: its networks and where it stands. The training loop's thread owns it.
 */
final class RunSession implements AutoCloseable {

    private final GanTraining training;
    private final TopicPartition partition;
    private TrainingState state;
    private long checkpointedStep;
    private long reRequestedPosition = -1;
    private final MetricsWindow window = new MetricsWindow();

    RunSession(GanTraining training, TrainingState state, TopicPartition partition) {
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

    void checkpointed() {
        checkpointedStep = state.step();
    }

    RunSpec spec() {
        return state.spec();
    }

    TrainingState state() {
        return state;
    }

    GanTraining training() {
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

    StepResult train(ImageBatch batch) {
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

package io.ganflow.trainer.training;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.TrainingState;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.feed.BatchWindows;
import io.ganflow.trainer.reporting.TrainingEvents;
import io.ganflow.trainer.runs.RunSession;
import jakarta.enterprise.context.ApplicationScoped;

/** Asks the dataset-service for a run's batches, window by window ({@link BatchWindows}). */
@ApplicationScoped
public class BatchRequests {

    private final BatchWindows windows;
    private final TrainingEvents events;

    public BatchRequests(TrainerConfig config, TrainingEvents events) {
        this.windows = new BatchWindows(config.windowBatches());
        this.events = events;
    }

    /** After {@code batch} was trained: the next window, when the batch is the middle of its own. */
    public void afterStep(RunSession session, ImageBatch batch) {
        windows.nextAfter(session.spec(), batch).ifPresent(events::requestEpoch);
    }

    /** The window holding the run's next batch: for a run new, resumed, or whose batches stopped coming. */
    public void fromWhereItStands(RunSession session) {
        TrainingState state = session.state();
        events.requestEpoch(windows.holding(session.spec(), state.epoch(), state.nextBatchIndex()));
    }
}

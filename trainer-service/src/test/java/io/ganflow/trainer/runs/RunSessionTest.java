package io.ganflow.trainer.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.StepResult;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A run's phase on a trainer: what it owes, and when it has nothing left to do. */
class RunSessionTest {

    /** One epoch of two batches. */
    private static final RunSpec SPEC = new RunSpec(
            "run-1", RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 1, 16, 2e-4, 0.5, 0.999, 100, 10, 1, 3L, 0);

    private final RunSession session = newSession();

    private static RunSession newSession() {
        RunTraining training = mock(RunTraining.class);
        when(training.step(any(), anyLong())).thenReturn(new StepResult(1, 1, 0.5, 0.5));
        return new RunSession(training, TrainingState.start(SPEC), new TopicPartition(ImageBatch.TOPIC, 0));
    }

    private static ImageBatch batch(int index) {
        return new ImageBatch("run-1", 0, index, 2, 1, 28, 28, new int[16], new byte[16 * 28 * 28]);
    }

    @Test
    void aCheckpointDueIsOwedUntilWrittenAndTheRunTrainsOn() {
        session.train(batch(0), 40, true);
        assertEquals(RunSession.Phase.CHECKPOINT_DUE, session.phase());
        assertTrue(session.checkpointDue());
        assertTrue(session.trains());

        session.checkpointed();
        assertEquals(RunSession.Phase.TRAINING, session.phase());
        assertFalse(session.checkpointDue());
        assertEquals(-1, session.heldFromOffset(), "a checkpoint holds the batch: its offset may be committed");
    }

    @Test
    void aRunThatTrainedItsLastBatchEndsOnlyOnceItsLastCheckpointIsWritten() {
        session.train(batch(0), 40, false);
        session.train(batch(1), 41, true);
        assertEquals(RunSession.Phase.COMPLETING, session.phase());
        assertFalse(session.trains());
        assertFalse(session.finished());

        session.checkpointed();
        assertTrue(session.finished());
    }

    @Test
    void aStoppedRunTrainsNoMoreAndEndsOnceWhatItTrainedIsCheckpointed() {
        session.train(batch(0), 40, false);
        session.stop();
        assertFalse(session.wants(batch(1)));
        assertTrue(session.checkpointDue(), "the step since the last checkpoint is kept");
        assertFalse(session.finished());

        session.checkpointed();
        assertTrue(session.finished());
    }

    @Test
    void aStoppedRunWithNothingNewHasNothingToWrite() {
        session.stop();
        assertFalse(session.checkpointDue());
        assertTrue(session.finished());
    }
}

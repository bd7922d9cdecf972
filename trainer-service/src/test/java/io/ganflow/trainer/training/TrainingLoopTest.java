package io.ganflow.trainer.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.StepResult;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.trainer.reporting.RunReporter;
import io.ganflow.trainer.reporting.TrainerMetrics;
import io.ganflow.trainer.runs.RunSession;
import io.ganflow.trainer.runs.RunSessions;
import io.ganflow.trainer.runs.RunTakeUp;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The training loop's decisions for one record, its collaborators stood in for. */
class TrainingLoopTest {

    private static final String RUN = "run-1";
    private static final TopicPartition PARTITION = new TopicPartition(ImageBatch.TOPIC, 0);
    /** Two epochs of four batches, a checkpoint every second step. */
    private static final RunSpec SPEC = new RunSpec(
            RUN, RunSpec.CGAN_FASHION_MNIST, RunSpec.FASHION_MNIST, 2, 16, 2e-4, 0.5, 0.999, 100, 2, 1, 3L, 0);

    private final RunSessions sessions = mock(RunSessions.class);
    private final CheckpointWriter checkpoints = mock(CheckpointWriter.class);
    private final RunReporter reporter = mock(RunReporter.class);
    private final BatchRequests requests = mock(BatchRequests.class);
    private final RunTraining training = mock(RunTraining.class);
    private final TrainingLoop loop = new TrainingLoop(
            sessions,
            checkpoints,
            reporter,
            requests,
            mock(RunTakeUp.class),
            mock(StallWatch.class),
            mock(TrainerMetrics.class));
    private RunSession session;

    @BeforeEach
    void aNewRunOnThisTrainer() {
        session = new RunSession(training, TrainingState.start(SPEC), PARTITION);
        when(sessions.forBatch(RUN, PARTITION)).thenReturn(Optional.of(session));
        when(training.step(any(), anyLong())).thenReturn(new StepResult(1.2, 0.8, 0.6, 0.4));
    }

    private static ConsumerRecord<String, byte[]> record(long offset, byte[] value) {
        return new ConsumerRecord<>(ImageBatch.TOPIC, 0, offset, RUN, value);
    }

    private static ConsumerRecord<String, byte[]> batch(int epoch, int index, int side) {
        int size = SPEC.batchSize();
        ImageBatch batch =
                new ImageBatch(RUN, epoch, index, 4, 1, side, side, new int[size], new byte[size * side * side]);
        return record(index, ImageBatchCodec.encode(batch));
    }

    @Test
    void theRunsNextBatchIsTrainedAndWhatItMakesDueIsHandedToTheCheckpointWriter() {
        loop.handle(batch(0, 0, 28));
        loop.handle(batch(0, 1, 28));

        verify(training, times(2)).step(any(), anyLong());
        assertEquals(2, session.state().step());
        assertEquals(RunSession.Phase.CHECKPOINT_DUE, session.phase());
        assertEquals(0, session.heldFromOffset()); // nothing committed past the first batch until a checkpoint holds it
        verify(reporter).started(SPEC);
        verify(checkpoints, times(2)).writeIfDue(session);
    }

    @Test
    void aBatchTrainedBeforeIsSkipped() {
        loop.handle(batch(0, 0, 28));
        loop.handle(batch(0, 0, 28));

        verify(training, times(1)).step(any(), anyLong());
        assertEquals(1, session.state().step());
    }

    @Test
    void aGapInTheBatchesAsksOnceForTheMissingOnesAndTrainsNothing() {
        loop.handle(batch(0, 2, 28));
        loop.handle(batch(0, 3, 28));

        verify(training, never()).step(any(), anyLong());
        verify(requests, times(1)).fromWhereItStands(session);
    }

    @Test
    void aRecordThatIsNotABatchIsParkedAndNoRunFails() {
        ConsumerRecord<String, byte[]> garbage = record(7, new byte[] {1, 2, 3});

        loop.handle(garbage);

        verify(reporter).park(eq(garbage), any());
        verify(sessions, never()).fail(any(), any());
    }

    @Test
    void aBatchThatDoesNotFitItsRunFailsThatRunWithTheReason() {
        ConsumerRecord<String, byte[]> colour = batch(0, 0, 32);

        loop.handle(colour);

        verify(training, never()).step(any(), anyLong());
        verify(sessions).fail(eq(RUN), contains("does not fit"));
        verify(reporter).failed(eq(RUN), eq(colour), contains("does not fit"));
    }

    @Test
    void aStepThatThrowsFailsItsRunButAStoreFaultIsThrownToTheFeed() {
        when(training.step(any(), anyLong())).thenThrow(new IllegalStateException("NaN in the generator"));
        loop.handle(batch(0, 0, 28));
        verify(sessions).fail(eq(RUN), contains("NaN in the generator"));

        doThrow(new ObjectStoreException("store away", null)).when(training).step(any(), anyLong());
        assertThrows(ObjectStoreException.class, () -> loop.handle(batch(0, 0, 28)));
        verify(sessions, times(1)).fail(any(), any());
    }

    @Test
    void aRunThatCannotBeSetUpFailsWithTheReason() {
        when(sessions.forBatch(RUN, PARTITION))
                .thenThrow(new RunSessions.RunSetupException("it cannot be set up: no such layer", null));

        loop.handle(batch(0, 0, 28));

        verify(sessions).fail(eq(RUN), contains("no such layer"));
    }

    @Test
    void aStoppingRunTrainsNoMore() {
        session.stop();

        loop.handle(batch(0, 0, 28));

        verify(training, never()).step(any(), anyLong());
    }
}

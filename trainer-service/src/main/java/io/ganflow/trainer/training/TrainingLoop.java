package io.ganflow.trainer.training;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.trainer.feed.BatchFeed;
import io.ganflow.trainer.feed.BatchHandler;
import io.ganflow.trainer.reporting.RunReporter;
import io.ganflow.trainer.reporting.TrainerMetrics;
import io.ganflow.trainer.runs.RunSession;
import io.ganflow.trainer.runs.RunSessions;
import io.ganflow.trainer.runs.RunTakeUp;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Training as the paper has it, one batch at a time. A batch's path is four hops: the {@link BatchFeed} reads it,
 * {@link RunSessions} finds its run's session, the session takes the step, the {@link CheckpointWriter} writes what
 * the step made due. A fault of a run's own (its data does not fit it, it cannot be set up, its step throws) fails
 * that run alone; a fault of the store's is thrown to the feed, which reads the batch again later.
 */
@ApplicationScoped
public class TrainingLoop implements BatchHandler {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);

    private final RunSessions sessions;
    private final CheckpointWriter checkpoints;
    private final RunReporter reporter;
    private final BatchRequests requests;
    private final RunTakeUp takeUp;
    private final StallWatch stalls;
    private final TrainerMetrics metrics;

    public TrainingLoop(
            RunSessions sessions,
            CheckpointWriter checkpoints,
            RunReporter reporter,
            BatchRequests requests,
            RunTakeUp takeUp,
            StallWatch stalls,
            TrainerMetrics metrics) {
        this.sessions = sessions;
        this.checkpoints = checkpoints;
        this.reporter = reporter;
        this.requests = requests;
        this.takeUp = takeUp;
        this.stalls = stalls;
        this.metrics = metrics;
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        stalls.recordCame();
        ImageBatch batch;
        try {
            batch = ImageBatchCodec.decode(record.value());
        } catch (MalformedEventException e) {
            reporter.park(record, e.getMessage());
            return;
        }
        Optional<RunSession> found;
        try {
            found = sessions.forBatch(batch.runId(), new TopicPartition(record.topic(), record.partition()));
        } catch (RunSessions.RunSetupException e) {
            fail(batch.runId(), record, e.getMessage());
            return;
        }
        if (found.isEmpty() || !found.get().wants(batch)) {
            return;
        }
        RunSession session = found.get();
        Optional<String> misfit = batch.misfit(session.spec());
        if (misfit.isPresent()) {
            fail(batch.runId(), record, "its data does not fit it: " + misfit.get());
            return;
        }
        if (!session.isNext(batch)) {
            askAgainForMissing(session, batch);
            return;
        }
        try {
            step(session, batch, record.offset());
        } catch (ObjectStoreException e) {
            throw e; // not the run's fault: the feed waits for the store and reads the batch again
        } catch (RuntimeException e) {
            fail(batch.runId(), record, "a training step failed: " + e);
            return;
        }
        checkpoints.writeIfDue(session);
    }

    /** One step of the paper's loop, then what it asks for: the next window, a metrics point, a checkpoint. */
    private void step(RunSession session, ImageBatch batch, long offset) {
        RunSpec spec = session.spec();
        if (session.state().step() == 0) {
            reporter.started(spec);
        }
        long step = session.state().step() + 1;
        session.train(batch, offset, step % spec.checkpointEverySteps() == 0 || batch.isLastOfEpoch());
        metrics.stepped(batch.size());
        requests.afterStep(session, batch);
        if (step % spec.metricsEverySteps() == 0 || batch.isLastOfEpoch()) {
            reporter.metrics(session.state(), batch.epoch(), session.window());
        }
    }

    private void askAgainForMissing(RunSession session, ImageBatch batch) {
        if (session.markReRequested()) {
            LOG.infof(
                    "run=%s missing batches before epoch %d batch %d: asking again from epoch %d batch %d",
                    batch.runId(),
                    batch.epoch(),
                    batch.index(),
                    session.state().epoch(),
                    session.state().nextBatchIndex());
            requests.fromWhereItStands(session);
        }
    }

    @Override
    public void idle() {
        sessions.applyStops();
        checkpoints.writeOwed();
        metrics.runsHeld(sessions.open().size());
        takeUp.takeUpDue().forEach(requests::fromWhereItStands);
        stalls.askAgainIfStalled(sessions.open());
    }

    @Override
    public void handingOver(Collection<TopicPartition> partitions, long deadlineMillis) {
        checkpoints.handOver(sessions.on(partitions), deadlineMillis);
    }

    /**
     * A fault of the run's own: the failure is recorded with the run (no trainer takes it up again), the record
     * parked, the failure announced, and the other runs go on. Throws {@link ObjectStoreException} if the store cannot
     * record it: the batch is read again later.
     */
    private void fail(String runId, ConsumerRecord<String, byte[]> record, String reason) {
        sessions.fail(runId, reason);
        reporter.failed(runId, record, reason);
    }
}

package io.ganflow.trainer.training;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.events.TrainingState;
import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.config.TrainerConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Collection;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Training as the paper has it, one batch at a time: if the batch is the run's next, take a step, maybe report, maybe
 * checkpoint. The batches come from the {@link BatchFeed}, the runs from {@link RunSessions}, the step from
 * {@code models}. A fault of a run's own (its data does not fit it, its step throws) fails that run alone; while the
 * store is away, runs go on training in memory and their checkpoints are written when it is back. Batches are asked
 * for window by window ({@link BatchWindows}), so the runs on one trainer take turns, and asked for again when they
 * stop coming.
 */
@ApplicationScoped
public class TrainingLoop implements BatchHandler {

    private static final Logger LOG = Logger.getLogger(TrainingLoop.class);

    private final TrainerConfig config;
    private final BatchFeed feed;
    private final RunSessions sessions;
    private final RunSpecStore specs;
    private final Checkpoints checkpoints;
    private final TrainingEvents events;
    private final StoreHealth storeHealth;
    private final TrainerMetrics metrics;
    private final BatchWindows windows;
    private final Backoff checkpointRetries = new Backoff(1_000, 30_000);
    private long lastRecordMillis = System.currentTimeMillis();
    private long stallMillis;

    public TrainingLoop(
            TrainerConfig config,
            BatchFeed feed,
            RunSessions sessions,
            RunSpecStore specs,
            Checkpoints checkpoints,
            TrainingEvents events,
            StoreHealth storeHealth,
            TrainerMetrics metrics) {
        this.config = config;
        this.feed = feed;
        this.sessions = sessions;
        this.specs = specs;
        this.checkpoints = checkpoints;
        this.events = events;
        this.storeHealth = storeHealth;
        this.metrics = metrics;
        this.windows = new BatchWindows(config.windowBatches());
        this.stallMillis = config.stallMillis();
    }

    void start(@Observes StartupEvent event) {
        feed.start(this);
    }

    /** SIGTERM: every run held is checkpointed and the group left before the process ends (see {@link #closing}). */
    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        feed.stop();
    }

    @Override
    public void handle(ConsumerRecord<String, byte[]> record) {
        lastRecordMillis = System.currentTimeMillis();
        stallMillis = config.stallMillis();
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        ImageBatch batch;
        try {
            batch = ImageBatchCodec.decode(record.value());
        } catch (MalformedEventException e) {
            park(record, e.getMessage());
            return;
        }
        Optional<RunSession> found;
        try {
            found = sessions.forBatch(batch.runId(), partition);
        } catch (RunSessions.RunSetupException e) {
            fail(batch.runId(), record, e.getMessage());
            return;
        }
        if (found.isEmpty()) {
            return;
        }
        RunSession session = found.get();
        TrainingState state = session.state();
        if (state.completed() || session.stopping() || state.hasTrained(batch.epoch(), batch.index())) {
            return;
        }
        Optional<String> misfit = batch.misfit(session.spec());
        if (misfit.isPresent()) {
            fail(batch.runId(), record, "its data does not fit it: " + misfit.get());
            return;
        }
        if (!session.isNext(batch)) {
            if (session.markReRequested()) {
                LOG.infof(
                        "run=%s missing batches before epoch %d batch %d: asking again from epoch %d batch %d",
                        batch.runId(), batch.epoch(), batch.index(), state.epoch(), state.nextBatchIndex());
                askForNextBatch(session);
            }
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
        checkpointIfDue(session);
    }

    /** One step of the paper's loop, then what it asks for: the next window, a metrics point, a checkpoint. */
    private void step(RunSession session, ImageBatch batch, long offset) {
        RunSpec spec = session.spec();
        if (session.state().step() == 0) {
            events.status(RunStatus.pending(spec).with(RunStatus.State.RUNNING, 0, 0, -1, "training"));
        }
        session.train(batch, offset);
        metrics.stepped(batch.size());
        long step = session.state().step();
        windows.nextAfter(spec, batch).ifPresent(events::requestEpoch);
        if (step % spec.metricsEverySteps() == 0 || batch.isLastOfEpoch()) {
            report(session, batch.epoch());
        }
        if (step % spec.checkpointEverySteps() == 0 || batch.isLastOfEpoch()) {
            session.owesCheckpoint();
        }
    }

    @Override
    public void idle() {
        for (String runId = sessions.nextStopRequest(); runId != null; runId = sessions.nextStopRequest()) {
            Optional<RunSession> session = sessions.find(runId);
            if (session.isPresent()) {
                session.get().stop(); // it ends once what it trained is checkpointed
            } else {
                sessions.end(runId); // its batches are skipped from now on
            }
        }
        boolean storeWasDown = storeHealth.down();
        if (storeHealth.probe() && storeWasDown) {
            checkpointRetries.succeeded(); // the store is back: owed checkpoints are written now, not after a backoff
        }
        for (RunSession session : sessions.open()) {
            checkpointIfDue(session);
        }
        metrics.runsHeld(sessions.open().size());
        if (!storeHealth.down()) {
            for (RunSession session : sessions.takeUpDue()) {
                askForNextBatch(session);
            }
        }
        askAgainIfStalled();
    }

    /**
     * Writes the checkpoint a session owes, unless the store failed a moment ago (then at a later chance: the run
     * stays in memory and its batches are not committed past). A stopping run ends once it owes nothing; a completed
     * one once its last checkpoint is written.
     */
    private void checkpointIfDue(RunSession session) {
        if (session.checkpointDue() && checkpointRetries.due()) {
            try {
                checkpoint(session);
                checkpointRetries.succeeded();
                storeHealth.reachable();
            } catch (ObjectStoreException e) {
                storeHealth.failed(e);
                LOG.warnf(
                        "run=%s checkpoint at step %d waits %d ms for the object store",
                        session.spec().runId(), session.state().step(), checkpointRetries.failed());
                return;
            }
        }
        if (session.checkpointDue()) {
            return;
        }
        TrainingState state = session.state();
        if (session.stopping()) {
            events.status(RunStatus.pending(state.spec())
                    .with(RunStatus.State.STOPPED, state.epoch(), state.step(), state.step(), "stopped by a user"));
            LOG.infof("run=%s stopped at step %d", state.spec().runId(), state.step());
            sessions.end(state.spec().runId());
        } else if (state.completed()) {
            LOG.infof(
                    "run=%s completed: %d epochs, %d steps",
                    state.spec().runId(), state.spec().epochs(), state.step());
            sessions.end(state.spec().runId());
        }
    }

    private void checkpoint(RunSession session) {
        TrainingState state = session.state();
        String runId = state.spec().runId();
        if (!session.stopping() && specs.isStopped(runId)) {
            session.stop(); // a stop this replica's listener missed; the store has it
        }
        long writing = System.nanoTime();
        CheckpointEvent written = checkpoints.write(session.training(), state);
        metrics.checkpointWritten(System.nanoTime() - writing);
        session.checkpointed();
        events.checkpoint(written);
        if (!session.stopping()) {
            boolean completed = state.completed();
            events.status(RunStatus.pending(state.spec())
                    .with(
                            completed ? RunStatus.State.COMPLETED : RunStatus.State.RUNNING,
                            state.epoch(),
                            state.step(),
                            state.step(),
                            completed ? "completed" : "training"));
        }
        LOG.infof("run=%s checkpoint at step %d: %s", runId, state.step(), written.manifestKey());
    }

    /**
     * Hand-over (SIGTERM, scale-down, rollout, rebalance): every run of {@code partitions} with steps since its
     * checkpoint is checkpointed, the store tried until the deadline, so that the trainer that takes the partitions
     * over loses no step.
     */
    @Override
    public void handingOver(Collection<TopicPartition> partitions, long deadlineMillis) {
        Backoff retries = new Backoff(500, 5_000);
        for (RunSession session : sessions.open()) {
            if (!partitions.contains(session.partition())) {
                continue;
            }
            while (session.hasUncheckpointedSteps() && System.currentTimeMillis() < deadlineMillis) {
                try {
                    checkpoint(session);
                } catch (ObjectStoreException e) {
                    LOG.warnf(
                            "run=%s hand-over checkpoint not written yet: %s",
                            session.spec().runId(), e.getMessage());
                    if (!retries.sleepAfterFailure()) {
                        break;
                    }
                }
            }
            if (session.hasUncheckpointedSteps()) {
                LOG.warnf(
                        "run=%s handed over without its last %d steps (the store did not take them in time)",
                        session.spec().runId(), session.state().step() - session.checkpointedStep());
            }
        }
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions, int partitionCount) {
        sessions.assigned(partitions, partitionCount);
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        sessions.revoked(partitions);
    }

    @Override
    public OptionalLong heldFrom(TopicPartition partition) {
        return sessions.heldFrom(partition);
    }

    private void park(ConsumerRecord<String, byte[]> record, String reason) {
        LOG.warnf(
                "parking record %s-%d@%d on %s: %s",
                record.topic(), record.partition(), record.offset(), TrainingEvents.DEAD_LETTERS, reason);
        events.park(record, reason);
    }

    /**
     * A fault of the run's own (its data does not fit it, it cannot be set up, its step throws): the record is parked,
     * the failure recorded with the run in the store (no trainer takes it up again) and announced, and the other runs
     * go on. Throws {@link ObjectStoreException} if the store cannot record it: the batch is read again later.
     */
    private void fail(String runId, ConsumerRecord<String, byte[]> record, String reason) {
        specs.markFailed(runId, reason);
        park(record, "run " + runId + " failed: " + reason);
        sessions.end(runId);
        events.status(RunStatus.failed(runId, reason));
        LOG.errorf("run=%s failed: %s", runId, reason);
    }

    private void report(RunSession session, int epoch) {
        if (session.window().isEmpty()) {
            return;
        }
        MetricsWindow.Averages m = session.window().drain();
        long step = session.state().step();
        String runId = session.spec().runId();
        LOG.infof(
                "run=%s epoch=%d step=%d img/s=%.1f loss_D=%.4f loss_G=%.4f D(x)=%.4f D(G(z))=%.4f",
                runId, epoch, step, m.imagesPerSecond(), m.lossD(), m.lossG(), m.dReal(), m.dFake());
        events.metrics(new TrainingMetrics(
                TrainingMetrics.VERSION,
                runId,
                epoch,
                step,
                m.lossD(),
                m.lossG(),
                m.dReal(),
                m.dFake(),
                m.imagesPerSecond(),
                System.currentTimeMillis()));
    }

    private void askForNextBatch(RunSession session) {
        TrainingState state = session.state();
        events.requestEpoch(windows.holding(session.spec(), state.epoch(), state.nextBatchIndex()));
    }

    /** Nothing came for a while although runs need batches: their requests or the answers were lost. */
    private void askAgainIfStalled() {
        long now = System.currentTimeMillis();
        if (sessions.isEmpty() || now - lastRecordMillis < stallMillis) {
            return;
        }
        for (RunSession session : sessions.open()) {
            if (session.stopping() || session.state().completed()) {
                continue;
            }
            LOG.infof(
                    "run=%s no batches for %d s: asking again from epoch %d batch %d",
                    session.spec().runId(),
                    (now - lastRecordMillis) / 1000,
                    session.state().epoch(),
                    session.state().nextBatchIndex());
            askForNextBatch(session);
        }
        lastRecordMillis = now;
        stallMillis = Math.min(2 * stallMillis, 600_000);
    }
}

package io.ganflow.trainer.training;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.TrainingState;
import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.trainer.checkpoints.Checkpoints;
import io.ganflow.trainer.health.StoreHealth;
import io.ganflow.trainer.reporting.RunReporter;
import io.ganflow.trainer.reporting.TrainerMetrics;
import io.ganflow.trainer.runs.RunSession;
import io.ganflow.trainer.runs.RunSessions;
import io.ganflow.trainer.runs.RunStops;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import org.jboss.logging.Logger;

/**
 * Writes the checkpoints sessions owe, and ends the runs that have nothing left to do once written (completed or
 * stopped). While the store is away, runs go on training in memory: a checkpoint is tried again after a backoff and
 * at once when the store answers again, and the batches it would cover are not committed past meanwhile.
 */
@ApplicationScoped
public class CheckpointWriter {

    private static final Logger LOG = Logger.getLogger(CheckpointWriter.class);

    private final Checkpoints checkpoints;
    private final RunSessions sessions;
    private final RunStops stops;
    private final RunReporter reporter;
    private final StoreHealth storeHealth;
    private final TrainerMetrics metrics;
    private final Backoff retries = new Backoff(1_000, 30_000);

    public CheckpointWriter(
            Checkpoints checkpoints,
            RunSessions sessions,
            RunStops stops,
            RunReporter reporter,
            StoreHealth storeHealth,
            TrainerMetrics metrics) {
        this.checkpoints = checkpoints;
        this.sessions = sessions;
        this.stops = stops;
        this.reporter = reporter;
        this.storeHealth = storeHealth;
        this.metrics = metrics;
    }

    /**
     * Writes the checkpoint {@code session} owes, unless the store failed a moment ago (then at a later chance), and
     * ends the run if that leaves it finished.
     */
    public void writeIfDue(RunSession session) {
        if (session.checkpointDue() && retries.due()) {
            try {
                write(session);
                retries.succeeded();
                storeHealth.reachable();
            } catch (ObjectStoreException e) {
                storeHealth.failed(e);
                LOG.warnf(
                        "run=%s checkpoint at step %d waits %d ms for the object store",
                        session.spec().runId(), session.state().step(), retries.failed());
                return;
            }
        }
        if (!session.finished()) {
            return;
        }
        if (session.phase() == RunSession.Phase.STOPPING) {
            reporter.stopped(session.state());
        } else {
            reporter.completed(session.state());
        }
        sessions.end(session.spec().runId());
    }

    /** What every open session owes, asking the store first when it was away (and at once when it is back). */
    public void writeOwed() {
        boolean storeWasDown = storeHealth.down();
        if (storeHealth.probe() && storeWasDown) {
            retries.succeeded();
        }
        for (RunSession session : sessions.open()) {
            writeIfDue(session);
        }
    }

    /**
     * Hand-over (SIGTERM, scale-down, rollout, rebalance): every session with steps since its checkpoint is
     * checkpointed, the store tried until the deadline, so that the trainer that takes its partition over loses no
     * step.
     */
    public void handOver(Collection<RunSession> handed, long deadlineMillis) {
        Backoff handOverRetries = new Backoff(500, 5_000);
        for (RunSession session : handed) {
            while (session.hasUncheckpointedSteps() && System.currentTimeMillis() < deadlineMillis) {
                try {
                    write(session);
                } catch (ObjectStoreException e) {
                    LOG.warnf(
                            "run=%s hand-over checkpoint not written yet: %s",
                            session.spec().runId(), e.getMessage());
                    if (!handOverRetries.sleepAfterFailure()) {
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

    private void write(RunSession session) {
        TrainingState state = session.state();
        if (session.phase() != RunSession.Phase.STOPPING
                && stops.isStopped(state.spec().runId())) {
            session.stop(); // a stop this replica's listener missed; the store has it
        }
        long writing = System.nanoTime();
        CheckpointEvent written = checkpoints.write(session.training(), state);
        metrics.checkpointWritten(System.nanoTime() - writing);
        session.checkpointed();
        reporter.checkpointed(state, written, session.phase() == RunSession.Phase.STOPPING);
    }
}

package io.ganflow.trainer.runs;

import io.ganflow.events.TrainingState;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.checkpoints.Checkpoints;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.health.StoreHealth;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Reconciliation: a trainer takes up runs, not only batches. When partitions come to it, and every reconcile
 * interval after, it looks in the store for runs of its partitions that no session trains: unfinished runs with a
 * checkpoint (after a restart or a rebalance their batches may all be trained or gone), and runs recorded a while ago
 * that never started (their start command was lost). Only the training thread calls it.
 */
@ApplicationScoped
public class RunTakeUp {

    private static final Logger LOG = Logger.getLogger(RunTakeUp.class);

    private final RunSessions sessions;
    private final TrainableRuns trainable;
    private final RunSpecStore specs;
    private final Checkpoints checkpoints;
    private final StoreHealth storeHealth;
    private final TrainerConfig config;
    private long lastMillis;

    public RunTakeUp(
            RunSessions sessions,
            TrainableRuns trainable,
            RunSpecStore specs,
            Checkpoints checkpoints,
            StoreHealth storeHealth,
            TrainerConfig config) {
        this.sessions = sessions;
        this.trainable = trainable;
        this.specs = specs;
        this.checkpoints = checkpoints;
        this.storeHealth = storeHealth;
        this.config = config;
    }

    /**
     * When it is time (partitions just came, or the reconcile interval passed) and the store answers, takes up what
     * nobody trains and returns the sessions opened, which must ask for their batches. Throws
     * {@link ObjectStoreException} when the store goes away meanwhile: it is tried again at the next chance.
     */
    public List<RunSession> takeUpDue() {
        long now = System.currentTimeMillis();
        boolean newPartitions = sessions.assignedAtMillis() > lastMillis;
        boolean due = newPartitions || now - lastMillis >= config.reconcileSeconds() * 1000L;
        if (!due || !sessions.readsPartitions() || storeHealth.down()) {
            return List.of();
        }
        List<RunSession> taken = new ArrayList<>();
        for (String runId : checkpoints.runIds()) {
            if (sessions.holdsOrEnded(runId)) {
                continue;
            }
            sessions.assignedPartitionOf(runId)
                    .flatMap(partition -> takeUp(runId, partition, now))
                    .ifPresent(taken::add);
        }
        lastMillis = now;
        return taken;
    }

    private Optional<RunSession> takeUp(String runId, TopicPartition partition, long now) {
        TrainableRuns.Decision decision = trainable.decide(runId);
        if (!decision.trainable()) {
            sessions.ignore(runId);
            return Optional.empty();
        }
        Optional<TrainingState> latest = checkpoints.latestState(runId);
        if (latest.isPresent() && latest.get().completed()) {
            sessions.ignore(runId);
            return Optional.empty();
        }
        if (latest.isEmpty()) {
            // its batches may still be on their way: only a run recorded a while ago is taken to be lost
            Optional<Instant> recorded = specs.recorded(runId);
            if (recorded.isEmpty() || now - recorded.get().toEpochMilli() < config.reconcileSeconds() * 1000L) {
                return Optional.empty();
            }
            LOG.infof("run=%s was recorded but never started (its start was lost): starting it", runId);
        }
        try {
            Optional<RunSession> session = sessions.open(decision.spec().orElseThrow(), partition);
            session.ifPresent(s -> LOG.infof("run=%s taken up on %s", runId, partition));
            return session;
        } catch (RunSessions.RunSetupException e) {
            LOG.warnf("run=%s cannot be taken up: %s", runId, e.getMessage());
            return Optional.empty(); // its first batch fails it, with the reason
        }
    }
}

package io.ganflow.trainer.runs;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.checkpoints.Checkpoints;
import io.ganflow.trainer.config.TrainerConfig;
import io.ganflow.trainer.feed.PartitionOwner;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.jboss.logging.Logger;

/**
 * The runs this trainer trains, each a {@link RunSession}: opened when its first batch comes (new, or resumed from its
 * latest checkpoint), taken up when its partition comes to this trainer, ended when it completes, fails or is
 * stopped, and let go when its partition moves on. Which runs may train at all is {@link TrainableRuns}' rule. Only
 * the training thread calls it.
 */
@ApplicationScoped
public class RunSessions implements PartitionOwner {

    private static final Logger LOG = Logger.getLogger(RunSessions.class);

    private final TrainableRuns trainable;
    private final RunSpecStore specs;
    private final Checkpoints checkpoints;
    private final TrainerConfig config;
    /** How long a run without a spec here has its batches skipped before the store is asked again. */
    public static final long UNKNOWN_RECHECK_MILLIS = 5_000;

    private final Map<String, RunSession> open = new HashMap<>();
    /** Runs whose batches this trainer skips for good: ended, stopped or failed. */
    private final Set<String> ignored = new HashSet<>();
    /**
     * Runs without a spec in this trainer's store, until when their batches are skipped without asking the store
     * again. Not for good: a run id may be another deployment's on a shared broker now and get a spec of ours later
     * (the evaluator's fixed {@code classifier-<data set>} ids do), and its batches must then be trained.
     */
    private final Map<String, Long> unknownUntil = new HashMap<>();

    private final Set<TopicPartition> assigned = new HashSet<>();
    private int partitionCount;
    private long takeUpDueMillis = Long.MAX_VALUE;

    public RunSessions(TrainableRuns trainable, RunSpecStore specs, Checkpoints checkpoints, TrainerConfig config) {
        this.trainable = trainable;
        this.specs = specs;
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /**
     * The session of the run a batch on {@code partition} belongs to: open, resumed from its latest checkpoint, or new.
     * Empty for a run that may not train here or has completed. Throws {@link ObjectStoreException} when the store
     * cannot say, and {@link RunSetupException} when the run's networks cannot be built (a fault of its own).
     */
    public Optional<RunSession> forBatch(String runId, TopicPartition partition) {
        RunSession session = open.get(runId);
        if (session != null || ignored.contains(runId)) {
            return Optional.ofNullable(session);
        }
        long now = System.currentTimeMillis();
        Long unknownTill = unknownUntil.get(runId);
        if (unknownTill != null && now < unknownTill) {
            return Optional.empty();
        }
        TrainableRuns.Decision decision = trainable.decide(runId);
        if (decision.verdict() == TrainableRuns.Verdict.UNKNOWN) {
            if (unknownTill == null) {
                LOG.infof("run=%s skipping its batches: %s", runId, decision.reason());
            }
            unknownUntil.put(runId, now + UNKNOWN_RECHECK_MILLIS);
            return Optional.empty();
        }
        unknownUntil.remove(runId);
        if (!decision.trainable()) {
            LOG.infof("run=%s skipping its batches: %s", runId, decision.reason());
            ignored.add(runId);
            return Optional.empty();
        }
        return open(decision.spec().orElseThrow(), partition);
    }

    private Optional<RunSession> open(RunSpec spec, TopicPartition partition) {
        RunSession session;
        try {
            session = checkpoints
                    .latest(spec)
                    .map(resumed -> {
                        LOG.infof(
                                "run=%s resuming from checkpoint at step %d (epoch %d, batch %d)",
                                spec.runId(),
                                resumed.state().step(),
                                resumed.state().epoch(),
                                resumed.state().nextBatchIndex());
                        return new RunSession(resumed.training(), resumed.state(), partition);
                    })
                    .orElseGet(() -> new RunSession(RunTrainings.start(spec), TrainingState.start(spec), partition));
        } catch (ObjectStoreException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new RunSetupException("it cannot be set up: " + e, e);
        }
        if (session.state().completed()) {
            session.close();
            ignored.add(spec.runId());
            return Optional.empty();
        }
        open.put(spec.runId(), session);
        return Optional.of(session);
    }

    /** Ends a run here for good (completed, failed or stopped): its batches are skipped from now on. */
    public void end(String runId) {
        ignored.add(runId);
        RunSession session = open.remove(runId);
        if (session != null) {
            session.close();
        }
    }

    /**
     * A run failed for a fault of its own: recorded with the run in the store (no trainer takes it up again) and ended
     * here. Throws {@link ObjectStoreException} if the store cannot record it.
     */
    public void fail(String runId, String reason) {
        specs.markFailed(runId, reason);
        end(runId);
    }

    /** A user stopped {@code runId}: its session ends once what it trained is checkpointed; without one, at once. */
    public void stop(String runId) {
        RunSession session = open.get(runId);
        if (session != null) {
            session.stop();
        } else {
            end(runId); // its batches are skipped from now on
        }
    }

    public Collection<RunSession> open() {
        return List.copyOf(open.values());
    }

    /** The open sessions of runs whose batches travel on {@code partitions}. */
    public List<RunSession> on(Collection<TopicPartition> partitions) {
        return open.values().stream()
                .filter(session -> partitions.contains(session.partition()))
                .toList();
    }

    public boolean isEmpty() {
        return open.isEmpty();
    }

    @Override
    public OptionalLong heldFrom(TopicPartition partition) {
        return open.values().stream()
                .filter(session -> session.partition().equals(partition) && session.heldFromOffset() >= 0)
                .mapToLong(RunSession::heldFromOffset)
                .min();
    }

    @Override
    public void assigned(Collection<TopicPartition> partitions, int count) {
        assigned.addAll(partitions);
        partitionCount = count;
        takeUpDueMillis = 0; // at the next chance, on the training thread, retried while the store is away
    }

    @Override
    public void revoked(Collection<TopicPartition> partitions) {
        assigned.removeAll(partitions);
        for (RunSession session : open()) {
            if (partitions.contains(session.partition())) {
                open.remove(session.spec().runId()).close();
            }
        }
    }

    /**
     * When it is time (partitions just came, or the reconcile interval passed), takes up the runs of this trainer's
     * partitions that no session trains: unfinished runs with a checkpoint (after a restart or a rebalance their
     * batches may all be trained or gone), and runs that were recorded a while ago but never started (their start
     * command was lost). Returns the sessions opened, which must ask for their batches. Throws
     * {@link ObjectStoreException} when the store is away (tried again at the next chance).
     */
    public List<RunSession> takeUpDue() {
        long now = System.currentTimeMillis();
        if (now < takeUpDueMillis || assigned.isEmpty()) {
            return List.of();
        }
        List<RunSession> taken = new ArrayList<>();
        for (String runId : checkpoints.runIds()) {
            TopicPartition partition = new TopicPartition(ImageBatch.TOPIC, partitionOf(runId, partitionCount));
            if (!assigned.contains(partition) || open.containsKey(runId) || ignored.contains(runId)) {
                continue;
            }
            takeUp(runId, partition, now).ifPresent(taken::add);
        }
        takeUpDueMillis = now + config.reconcileSeconds() * 1000L;
        return taken;
    }

    private Optional<RunSession> takeUp(String runId, TopicPartition partition, long now) {
        TrainableRuns.Decision decision = trainable.decide(runId);
        if (!decision.trainable()) {
            ignored.add(runId);
            return Optional.empty();
        }
        Optional<TrainingState> latest = checkpoints.latestState(runId);
        if (latest.isPresent() && latest.get().completed()) {
            ignored.add(runId);
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
            Optional<RunSession> session = open(decision.spec().orElseThrow(), partition);
            session.ifPresent(s -> LOG.infof("run=%s taken up on %s", runId, partition));
            return session;
        } catch (RunSetupException e) {
            LOG.warnf("run=%s cannot be taken up: %s", runId, e.getMessage());
            return Optional.empty(); // its first batch fails it, with the reason
        }
    }

    /** The partition Kafka's default partitioner puts a run's batches on (they are keyed by run id). */
    static int partitionOf(String runId, int partitionCount) {
        return Utils.toPositive(Utils.murmur2(runId.getBytes(StandardCharsets.UTF_8))) % partitionCount;
    }

    /** A run's networks cannot be built or resumed: a fault of its own. */
    public static final class RunSetupException extends RuntimeException {
        public RunSetupException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}

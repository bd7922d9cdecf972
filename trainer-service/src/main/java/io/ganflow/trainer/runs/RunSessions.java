package io.ganflow.trainer.runs;

import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import io.ganflow.trainer.checkpoints.Checkpoints;
import io.ganflow.trainer.feed.PartitionOwner;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
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
 * latest checkpoint) or when {@link RunTakeUp} takes it up, ended when it completes, fails or is stopped, and let go
 * when its partition moves on. Which runs may train at all is {@link TrainableRuns}' rule. Only the training thread
 * calls it.
 */
@ApplicationScoped
public class RunSessions implements PartitionOwner {

    private static final Logger LOG = Logger.getLogger(RunSessions.class);

    private final TrainableRuns trainable;
    private final RunSpecStore specs;
    private final Checkpoints checkpoints;
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
    /** When partitions last came to this trainer (epoch millis), or 0. */
    private long assignedAtMillis;

    private final RunStops stops;

    public RunSessions(TrainableRuns trainable, RunSpecStore specs, Checkpoints checkpoints, RunStops stops) {
        this.trainable = trainable;
        this.specs = specs;
        this.checkpoints = checkpoints;
        this.stops = stops;
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

    /** Opens a session for the run (resumed from its latest checkpoint, or new); empty when it has completed. */
    Optional<RunSession> open(RunSpec spec, TopicPartition partition) {
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

    /** Stops the runs users asked to stop since the last call ({@link RunStops}). */
    public void applyStops() {
        stops.takeRequested().forEach(this::stop);
    }

    /** A user stopped {@code runId}: its session ends once what it trained is checkpointed; without one, at once. */
    void stop(String runId) {
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
        assignedAtMillis = System.currentTimeMillis();
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

    /** True when a session trains the run here, or the run is ended here for good. */
    boolean holdsOrEnded(String runId) {
        return open.containsKey(runId) || ignored.contains(runId);
    }

    /** The run may not train here (stopped, failed, completed): its batches are skipped from now on. */
    void ignore(String runId) {
        ignored.add(runId);
    }

    /** The batch-topic partition of a run, if this trainer reads it now. */
    Optional<TopicPartition> assignedPartitionOf(String runId) {
        if (assigned.isEmpty()) {
            return Optional.empty();
        }
        TopicPartition partition = new TopicPartition(ImageBatch.TOPIC, partitionOf(runId, partitionCount));
        return assigned.contains(partition) ? Optional.of(partition) : Optional.empty();
    }

    long assignedAtMillis() {
        return assignedAtMillis;
    }

    /** True while the batch topic has partitions on this trainer. */
    boolean readsPartitions() {
        return !assigned.isEmpty();
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

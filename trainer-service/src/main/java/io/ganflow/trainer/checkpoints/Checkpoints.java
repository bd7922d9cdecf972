package io.ganflow.trainer.checkpoints;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.Json;
import io.ganflow.events.NumericsProvenance;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.models.numerics.Numerics;
import io.ganflow.models.training.RunTraining;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.trainer.config.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Writes a run's checkpoints (and has the old ones nobody needs deleted), and reads them back to resume it. */
@ApplicationScoped
public class Checkpoints {

    private static final Logger LOG = Logger.getLogger(Checkpoints.class);

    private final ObjectStore store;
    private final CheckpointStore checkpoints;
    private final TrainerConfig config;
    private final CheckpointRetention retention;

    public Checkpoints(
            ObjectStore store, CheckpointStore checkpoints, TrainerConfig config, CheckpointRetention retention) {
        this.store = store;
        this.checkpoints = checkpoints;
        this.config = config;
        this.retention = retention;
    }

    /**
     * Writes everything needed to continue (and a GAN's fixed-noise sample grid), and returns the event announcing it.
     * Throws {@link ObjectStoreException} when the store cannot take it: the caller keeps the run and tries later.
     */
    public CheckpointEvent write(RunTraining training, TrainingState state) {
        String manifestKey =
                checkpoints.write(state.spec().runId(), state.step(), state.epoch(), parts(training, state));
        retention.prune(state.spec().runId());
        return new CheckpointEvent(
                CheckpointEvent.VERSION,
                state.spec().runId(),
                state.step(),
                state.epoch(),
                store.bucket(),
                manifestKey,
                System.currentTimeMillis());
    }

    /** The run's training as its latest valid checkpoint left it, or empty when it has none. */
    public Optional<Resumed> latest(RunSpec spec) {
        for (CheckpointManifest manifest : checkpoints.newestFirst(spec.runId())) {
            try {
                TrainingState state = checkpoints.state(manifest);
                RunTraining training = RunTrainings.resume(spec, part -> checkpoints.readPart(manifest, part));
                if (state.numerics() != null && !state.numerics().equals(numerics())) {
                    LOG.infof(
                            "run=%s resumes from step %d, trained with %s kernels on %s; this trainer computes with %s"
                                    + " on %s: training goes on, not bit for bit as it would have there",
                            spec.runId(),
                            state.step(),
                            state.numerics().kernels(),
                            state.numerics().machine(),
                            numerics().kernels(),
                            numerics().machine());
                }
                return Optional.of(new Resumed(state, training));
            } catch (ObjectStoreException e) {
                throw e; // the store is away: that says nothing about the checkpoint
            } catch (RuntimeException e) {
                LOG.warnf("run=%s skipping checkpoint at step %d: %s", spec.runId(), manifest.step(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Where the run stood at its latest readable checkpoint, without loading its networks. */
    public Optional<TrainingState> latestState(String runId) {
        for (CheckpointManifest manifest : checkpoints.newestFirst(runId)) {
            try {
                return Optional.of(checkpoints.state(manifest));
            } catch (ObjectStoreException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("run=%s skipping checkpoint at step %d: %s", runId, manifest.step(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** Every run that has anything in this trainer's store. */
    public List<String> runIds() {
        return checkpoints.runIds();
    }

    public record Resumed(TrainingState state, RunTraining training) {}

    private static NumericsProvenance numerics() {
        return Numerics.current().provenance();
    }

    private Map<String, byte[]> parts(RunTraining training, TrainingState state) {
        Map<String, byte[]> parts = new LinkedHashMap<>(training.checkpointParts(state, config.gridColumns()));
        parts.put(CheckpointParts.STATE, Json.writeBytes(state.computedWith(numerics())));
        return parts;
    }
}

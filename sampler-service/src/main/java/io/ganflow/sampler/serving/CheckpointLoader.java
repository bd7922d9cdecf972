package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.TrainingState;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.store.CheckpointStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads a checkpoint's generator from the store, verified against its manifest, ready to serve. */
@ApplicationScoped
public class CheckpointLoader {

    private static final Logger LOG = Logger.getLogger(CheckpointLoader.class);

    private final CheckpointStore checkpoints;
    private final Counter loaded;
    private final int queuedPasses;

    public CheckpointLoader(CheckpointStore checkpoints, MeterRegistry meters, ServingConfig config) {
        this.checkpoints = checkpoints;
        this.loaded = meters.counter("ganflow.sampler.checkpoints.loaded");
        this.queuedPasses = config.queuedPasses();
    }

    public LoadedGenerator load(CheckpointManifest manifest) {
        loaded.increment();
        TrainingState state = checkpoints.state(manifest);
        byte[] parameters = checkpoints.readPart(manifest, CheckpointParts.GENERATOR);
        return LoadedGenerator.load(state.spec(), manifest.step(), parameters, queuedPasses);
    }

    /** Whether the checkpoint has a generator to serve (a reference classifier's has none). */
    public static boolean servable(CheckpointManifest manifest) {
        return manifest.has(CheckpointParts.GENERATOR);
    }

    /** The run's latest checkpoint that passes its checks, loaded; older ones are tried when newer ones fail. */
    public Optional<LoadedGenerator> loadLatest(String runId) {
        for (CheckpointManifest manifest : checkpoints.newestFirst(runId)) {
            if (!servable(manifest)) {
                return Optional.empty(); // a reference classifier's run: nothing to serve
            }
            try {
                return Optional.of(load(manifest));
            } catch (RuntimeException e) {
                LOG.warnf("run=%s skipping checkpoint at step %d: %s", runId, manifest.step(), e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** The manifest at {@code manifestKey}; throws MalformedEventException when it is missing or unreadable. */
    public CheckpointManifest manifest(String manifestKey) {
        return checkpoints.readManifest(manifestKey);
    }
}

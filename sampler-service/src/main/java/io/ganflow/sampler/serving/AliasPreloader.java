package io.ganflow.sampler.serving;

import io.ganflow.events.AliasMove;
import io.ganflow.events.ModelVersion;
import io.ganflow.store.ModelRegistryStore;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Loads the checkpoint a model's alias moved to before clients ask for it by name: every replica reads every move
 * (a group of its own, from the compacted topic's start, so a restarted replica loads the aliases' current versions).
 * The first image of the new version then waits for no load, and no request ever meets a half-loaded generator: one
 * is served only once it is loaded and verified, and a request that comes during the load waits for it.
 *
 * <p>Loading ahead only saves time: a move whose version cannot be loaded is said in one log line, and the first
 * request loads it (or is told why not).
 */
@ApplicationScoped
public class AliasPreloader {

    private static final Logger LOG = Logger.getLogger(AliasPreloader.class);

    private final ModelRegistryStore models;
    private final PinnedGenerators generators;
    private final Counter loaded;
    private final Counter notLoaded;

    public AliasPreloader(ModelRegistryStore models, PinnedGenerators generators, MeterRegistry meters) {
        this.models = models;
        this.generators = generators;
        this.loaded = meters.counter("ganflow.sampler.alias.preloads", "outcome", "loaded");
        this.notLoaded = meters.counter("ganflow.sampler.alias.preloads", "outcome", "not-loaded");
    }

    /** Unreadable moves never get here: SmallRye parks them on the sampler's dead-letter topic with the reason. */
    @Incoming(AliasMove.TOPIC)
    @Blocking
    public void onMove(AliasMove move) {
        try {
            if (superseded(move)) {
                return; // history read at start-up (the topic is compacted lazily): only where aliases point now
            }
            Optional<ModelVersion> version = models.version(move.model(), move.toVersion());
            boolean ready = version.isPresent()
                    && generators.preload(version.get().runId(), version.get().step());
            (ready ? loaded : notLoaded).increment();
            if (version.isEmpty()) {
                LOG.warnf(
                        "alias %s of model %s moved to version %d, which the store does not have",
                        move.alias(), move.model(), move.toVersion());
            } else if (!ready) {
                LOG.warnf(
                        "alias %s of model %s moved to version %d (run %s, step %d), whose checkpoint cannot be loaded",
                        move.alias(),
                        move.model(),
                        move.toVersion(),
                        version.get().runId(),
                        version.get().step());
            }
        } catch (RuntimeException e) {
            notLoaded.increment();
            LOG.warnf(
                    "cannot load ahead version %d of model %s (alias %s): %s",
                    move.toVersion(), move.model(), move.alias(), e.getMessage());
        }
    }

    private boolean superseded(AliasMove move) {
        return models.latestMove(move.model(), move.alias())
                .filter(latest -> latest.move() > move.move())
                .isPresent();
    }
}

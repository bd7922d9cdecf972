package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.MalformedEventException;
import io.ganflow.models.serving.LoadedGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Generators of earlier checkpoints, for requests pinned to a step: loaded from the store on first use (verified
 * like any checkpoint) and kept for the few most recently used steps. A request for the step the run is served at
 * uses the serving generator.
 */
@ApplicationScoped
public class PinnedGenerators {

    static final int KEPT = 4;

    private final GeneratorRegistry registry;
    private final CheckpointLoader loader;
    private final Map<String, ServingGenerator> recent = new LinkedHashMap<>(KEPT, 0.75f, true);

    public PinnedGenerators(GeneratorRegistry registry, CheckpointLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    /** Runs {@code work} on the generator of {@code runId} at {@code step} (null: the latest); empty when none. */
    public <T> Optional<T> withGenerator(String runId, Long step, Function<LoadedGenerator, T> work) {
        if (step == null) {
            return registry.withGenerator(runId, work);
        }
        if (registry.servedStep(runId).filter(step::equals).isPresent()) {
            // the serving generator, unless a newer one was swapped in meanwhile
            Optional<T> result = registry.withGenerator(
                            runId,
                            generator ->
                                    generator.step() == step ? Optional.of(work.apply(generator)) : Optional.<T>empty())
                    .flatMap(Function.identity());
            if (result.isPresent()) {
                return result;
            }
        }
        while (true) {
            Optional<ServingGenerator> pinned = pinned(runId, step);
            if (pinned.isEmpty()) {
                return Optional.empty();
            }
            if (pinned.get().acquire()) {
                try {
                    return Optional.of(work.apply(pinned.get().generator()));
                } finally {
                    pinned.get().release();
                }
            }
        }
    }

    private synchronized Optional<ServingGenerator> pinned(String runId, long step) {
        String key = runId + "@" + step;
        ServingGenerator kept = recent.get(key);
        if (kept != null) {
            return Optional.of(kept);
        }
        ServingGenerator loaded;
        try {
            CheckpointManifest manifest = loader.manifest(CheckpointManifest.key(runId, step));
            loaded = new ServingGenerator(loader.load(manifest));
        } catch (MalformedEventException e) {
            return Optional.empty(); // no such checkpoint, or one that fails its checks
        }
        recent.put(key, loaded);
        if (recent.size() > KEPT) {
            String eldest = recent.keySet().iterator().next();
            recent.remove(eldest).retire();
        }
        return Optional.of(loaded);
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.MalformedEventException;
import io.ganflow.models.serving.LoadedGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The generator a request asks for. Without a step, the run's serving generator; when the registry has none (it was
 * unloaded to stay within the memory budget, or this replica has not heard of the run yet) its latest checkpoint is
 * loaded from the store, once however many requests ask at the same time. With a step, a generator of that
 * checkpoint: loaded from the store on first use (verified like any checkpoint) and kept for the few most recently
 * used steps; a request for the step the run is served at uses the serving generator.
 */
@ApplicationScoped
public class PinnedGenerators {

    static final int KEPT = 4;

    private final GeneratorRegistry registry;
    private final CheckpointLoader loader;
    private final Map<String, ServingGenerator> recent = new LinkedHashMap<>(KEPT, 0.75f, true);
    private final Map<String, Object> loading = new ConcurrentHashMap<>();

    public PinnedGenerators(GeneratorRegistry registry, CheckpointLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    /** Runs {@code work} on the generator of {@code runId} at {@code step} (null: the latest); empty when none. */
    public <T> Optional<T> withGenerator(String runId, Long step, Function<LoadedGenerator, T> work) {
        if (step == null) {
            Optional<T> served = registry.withGenerator(runId, work);
            return served.isPresent() || !loadLatest(runId) ? served : registry.withGenerator(runId, work);
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

    /** Loads the generator of {@code runId} at {@code step} now, unless it is kept already; false when it has none. */
    public boolean preload(String runId, long step) {
        return withGenerator(runId, step, generator -> Boolean.TRUE).isPresent();
    }

    /** Loads the run's latest checkpoint into the registry unless another request just did; false when it has none. */
    private boolean loadLatest(String runId) {
        synchronized (loading.computeIfAbsent(runId, id -> new Object())) {
            try {
                return registry.servedStep(runId).isPresent()
                        || loader.loadLatest(runId).map(registry::offer).isPresent();
            } finally {
                loading.remove(runId);
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

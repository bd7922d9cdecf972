package io.ganflow.sampler.serving;

import io.ganflow.models.serving.LoadedGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The generator each run is served by. Swaps are atomic; requests in flight finish on the generator they started on. */
@ApplicationScoped
public class GeneratorRegistry {

    private final Map<String, ServingGenerator> byRun = new ConcurrentHashMap<>();

    /** Serves {@code generator} for its run unless a newer step already serves; returns whether it was swapped in. */
    public boolean offer(LoadedGenerator generator) {
        ServingGenerator candidate = new ServingGenerator(generator);
        ServingGenerator[] replaced = new ServingGenerator[1];
        ServingGenerator now = byRun.compute(generator.spec().runId(), (run, current) -> {
            if (current != null && current.generator().step() >= generator.step()) {
                return current;
            }
            replaced[0] = current;
            return candidate;
        });
        if (now != candidate) {
            generator.close();
            return false;
        }
        if (replaced[0] != null) {
            replaced[0].retire();
        }
        return true;
    }

    public Optional<Long> servedStep(String runId) {
        return Optional.ofNullable(byRun.get(runId)).map(s -> s.generator().step());
    }

    /** Runs {@code work} on the run's current generator; empty when the run has none. */
    public <T> Optional<T> withGenerator(String runId, Function<LoadedGenerator, T> work) {
        while (true) {
            ServingGenerator serving = byRun.get(runId);
            if (serving == null) {
                return Optional.empty();
            }
            if (serving.acquire()) {
                try {
                    return Optional.of(work.apply(serving.generator()));
                } finally {
                    serving.release();
                }
            }
        }
    }
}

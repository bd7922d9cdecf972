package io.ganflow.sampler.serving;

import io.ganflow.models.serving.LoadedGenerator;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The generator each run is served by, within a memory budget: when the generators kept would need more than
 * {@link ServingConfig#generatorBudgetMb()}, the least recently used runs' generators are unloaded (a request for one
 * of them loads it again, {@link PinnedGenerators}). Swaps are atomic; requests in flight finish on the generator they
 * started on.
 */
@ApplicationScoped
public class GeneratorRegistry {

    private static final Logger LOG = Logger.getLogger(GeneratorRegistry.class);

    private final Map<String, ServingGenerator> byRun = new ConcurrentHashMap<>();
    private final long budgetBytes;

    public GeneratorRegistry(ServingConfig config) {
        this.budgetBytes = config.generatorBudgetMb() * 1024L * 1024;
    }

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
        unloadPastBudget(generator.spec().runId());
        return true;
    }

    /**
     * Serves {@code generator} only if it fits the budget beside the generators kept (else closes it): for the
     * start-up scan, which fills the budget with the newest runs and stops at the first that does not fit.
     */
    public synchronized boolean offerIfRoom(LoadedGenerator generator) {
        if (keptBytes() + generator.parameterBytes() > budgetBytes) {
            generator.close();
            return false;
        }
        return offer(generator);
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

    /** Unloads the least recently used generators, never {@code keep}'s, until the rest fit the budget. */
    private synchronized void unloadPastBudget(String keep) {
        while (keptBytes() > budgetBytes) {
            Optional<Map.Entry<String, ServingGenerator>> eldest = byRun.entrySet().stream()
                    .filter(entry -> !entry.getKey().equals(keep))
                    .min(Comparator.comparingLong(entry -> entry.getValue().lastUsedNanos()));
            if (eldest.isEmpty()) {
                return;
            }
            if (byRun.remove(eldest.get().getKey(), eldest.get().getValue())) {
                eldest.get().getValue().retire();
                LOG.infof(
                        "run=%s generator unloaded to stay within %d MB; it loads again when asked for",
                        eldest.get().getKey(), budgetBytes >> 20);
            }
        }
    }

    private long keptBytes() {
        return byRun.values().stream()
                .mapToLong(s -> s.generator().parameterBytes())
                .sum();
    }
}

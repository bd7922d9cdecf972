package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.ModelVersion;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.ModelRegistryStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Where each alias points now: rebuilt at start-up from the compacted {@code model-aliases} topic and kept current by
 * it, so every gateway replica follows every move within the topic's delay. An alias this replica has not seen
 * (the topic not read that far yet) is read from the store, which holds every move.
 */
@ApplicationScoped
public class ModelAliases {

    private final Map<String, AliasMove> latest = new ConcurrentHashMap<>();
    private final ModelRegistryStore registry;

    public ModelAliases(ModelRegistryStore registry) {
        this.registry = registry;
    }

    @Incoming(AliasMove.TOPIC)
    public void onMove(AliasMove move) {
        record(move);
    }

    /** A move, kept unless a later one of the same alias is already known. */
    void record(AliasMove move) {
        latest.merge(move.key(), move, (known, now) -> now.move() >= known.move() ? now : known);
    }

    public Optional<AliasMove> current(String model, String alias) {
        AliasMove known = latest.get(model + "/" + alias);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<AliasMove> stored = registry.latestMove(model, alias);
        stored.ifPresent(this::record);
        return stored;
    }

    /** The version the alias points to now; a 404 problem naming what is missing when it points nowhere. */
    public ModelVersion resolve(String model, String alias) {
        AliasMove move = current(model, alias)
                .orElseThrow(
                        () -> new ProblemException(404, "No such alias", "model " + model + " has no alias " + alias));
        return registry.version(model, move.toVersion())
                .orElseThrow(() -> new ProblemException(
                        404, "No such version", "model " + model + " has no version " + move.toVersion()));
    }
}

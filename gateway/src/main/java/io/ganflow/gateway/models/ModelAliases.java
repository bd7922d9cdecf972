package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.ModelVersion;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.ModelRegistryStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Where each alias points now: rebuilt at start-up from the compacted {@code model-aliases} topic and kept current by
 * it, so every gateway replica follows every move within the topic's delay. An alias this replica has not seen
 * (the topic not read that far yet) is read from the store, which holds every move; and so is one not checked for
 * {@code recheck}, so that a move whose publishing failed (it is in the store, the history) is followed within that
 * time even so.
 */
@ApplicationScoped
public class ModelAliases {

    /** Versions kept in memory past which the cache starts again (a version record never changes where it points). */
    static final int VERSIONS_KEPT = 10_000;

    private record Known(AliasMove move, long checkedMillis) {}

    private final Map<String, Known> latest = new ConcurrentHashMap<>();
    private final Map<String, ModelVersion> versions = new ConcurrentHashMap<>();
    private final ModelRegistryStore registry;
    private final long recheckMillis;

    public ModelAliases(
            ModelRegistryStore registry,
            @ConfigProperty(name = "ganflow.gateway.alias-recheck", defaultValue = "30s") Duration recheck) {
        this.registry = registry;
        this.recheckMillis = recheck.toMillis();
    }

    @Incoming(AliasMove.TOPIC)
    public void onMove(AliasMove move) {
        record(move);
    }

    /** A move, kept unless a later one of the same alias is already known. */
    void record(AliasMove move) {
        Known now = new Known(move, System.currentTimeMillis());
        latest.merge(
                move.key(),
                now,
                (known, next) -> next.move().move() >= known.move().move() ? next : known);
    }

    public Optional<AliasMove> current(String model, String alias) {
        Known known = latest.get(model + "/" + alias);
        if (known != null && System.currentTimeMillis() - known.checkedMillis() < recheckMillis) {
            return Optional.of(known.move());
        }
        Optional<AliasMove> stored;
        try {
            stored = registry.latestMove(model, alias);
        } catch (RuntimeException e) {
            if (known == null) {
                throw e;
            }
            return Optional.of(known.move()); // the store is away: what the topic said last still stands
        }
        stored.ifPresent(this::record);
        return stored.or(() -> Optional.ofNullable(known).map(Known::move));
    }

    /** The version the alias points to now; a 404 problem naming what is missing when it points nowhere. */
    public ModelVersion resolve(String model, String alias) {
        AliasMove move = current(model, alias)
                .orElseThrow(
                        () -> new ProblemException(404, "No such alias", "model " + model + " has no alias " + alias));
        return version(model, move.toVersion())
                .orElseThrow(() -> new ProblemException(
                        404, "No such version", "model " + model + " has no version " + move.toVersion()));
    }

    private Optional<ModelVersion> version(String model, int number) {
        String key = model + "/" + number;
        ModelVersion cached = versions.get(key);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<ModelVersion> stored = registry.version(model, number);
        stored.ifPresent(version -> {
            if (versions.size() >= VERSIONS_KEPT) {
                versions.clear();
            }
            versions.put(key, version);
        });
        return stored;
    }
}

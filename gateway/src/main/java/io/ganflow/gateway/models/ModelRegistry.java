package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.NumericsProvenance;
import io.ganflow.events.PromotionPolicy;
import io.ganflow.events.RegisteredModel;
import io.ganflow.events.RunSpec;
import io.ganflow.gateway.claims.NameClaims;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.gateway.quality.CheckpointQualities;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.ModelRegistryStore;
import io.ganflow.store.RunSpecStore;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Registered models: registering one, adding a stored checkpoint as its next version (held for good against
 * retention), and moving its aliases. A move is decided in one place for every replica: the alias' next move number
 * is claimed once ({@link ModelAliasClaims}), and a move that names the alias' move it saw ({@code If-Match}) is
 * refused when the alias has moved since.
 */
@ApplicationScoped
public class ModelRegistry {

    private static final Logger LOG = Logger.getLogger(ModelRegistry.class);
    /** How many times a new version's number is claimed again after another registration took it. */
    private static final int VERSION_ATTEMPTS = 5;

    private final ModelRegistryStore registry;
    private final CheckpointStore checkpoints;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final CheckpointQualities qualities;
    private final ModelAliasClaims claims;
    private final ModelAliases aliases;
    private final Emitter<Record<String, AliasMove>> moves;
    private final String codeVersion;

    public ModelRegistry(
            ModelRegistryStore registry,
            CheckpointStore checkpoints,
            RunSpecStore specs,
            DatasetStore datasets,
            CheckpointQualities qualities,
            ModelAliasClaims claims,
            ModelAliases aliases,
            @Channel(AliasMove.TOPIC + "-out") Emitter<Record<String, AliasMove>> moves,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String codeVersion) {
        this.registry = registry;
        this.checkpoints = checkpoints;
        this.specs = specs;
        this.datasets = datasets;
        this.qualities = qualities;
        this.claims = claims;
        this.aliases = aliases;
        this.moves = moves;
        this.codeVersion = codeVersion;
    }

    /**
     * Registers {@code name} for a data set and model family, with its promotion policy (null: none). The same model
     * again sets its policy; another data set or family is a conflict.
     */
    public RegisteredModel register(String name, String dataset, String family, PromotionPolicy policy) {
        if (policy != null && !policy.problems().isEmpty()) {
            throw new ProblemException(400, "Bad request", "policy: " + String.join("; ", policy.problems()));
        }
        Catalog.Model model = Catalog.model(family)
                .filter(Catalog.Model::isGan)
                .orElseThrow(() -> new ProblemException(
                        400,
                        "Bad request",
                        "family must be one of the GAN families " + ganFamilies() + ", was " + family));
        Catalog.Dataset data = datasets.find(dataset)
                .orElseThrow(
                        () -> new ProblemException(404, "No such data set", "data set " + dataset + " is not known"));
        Catalog.mismatch(model, data).ifPresent(problem -> {
            throw new ProblemException(400, "Bad request", problem);
        });
        Optional<RegisteredModel> existing = registry.model(name);
        if (existing.isPresent()) {
            if (existing.get().dataset().equals(dataset)
                    && existing.get().family().equals(family)) {
                RegisteredModel updated = new RegisteredModel(
                        RegisteredModel.VERSION,
                        name,
                        dataset,
                        family,
                        policy,
                        existing.get().createdMillis());
                registry.save(updated);
                return updated;
            }
            throw new ProblemException(
                    409,
                    "Conflict",
                    "model " + name + " is registered for " + existing.get().family() + " on "
                            + existing.get().dataset());
        }
        RegisteredModel registered =
                new RegisteredModel(RegisteredModel.VERSION, name, dataset, family, policy, System.currentTimeMillis());
        registry.save(registered);
        return registered;
    }

    public RegisteredModel require(String name) {
        return registry.model(name)
                .orElseThrow(() -> new ProblemException(404, "No such model", "model " + name + " is not registered"));
    }

    /**
     * Adds the run's checkpoint at {@code stepOrBest} (a step, "best", or null: the best) as the model's next version.
     */
    public ModelVersion addVersion(String name, String runId, String stepOrBest) {
        return addVersion(name, runId, stepOrBest, null);
    }

    /** As {@link #addVersion(String, String, String)}, with the checkpoint's figures when the caller has them. */
    private ModelVersion addVersion(String name, String runId, String stepOrBest, CheckpointQuality measured) {
        RegisteredModel model = require(name);
        RunSpec spec = specs.load(runId)
                .orElseThrow(() -> new ProblemException(404, "No such run", "run " + runId + " is not known"));
        if (!spec.model().equals(model.family()) || !spec.dataset().equals(model.dataset())) {
            throw new ProblemException(
                    400,
                    "Bad request",
                    "run " + runId + " trains " + spec.model() + " on " + spec.dataset() + "; model " + name + " takes "
                            + model.family() + " on " + model.dataset());
        }
        long step = qualities.resolve(runId, stepOrBest == null ? CheckpointQualities.BEST : stepOrBest);
        CheckpointManifest manifest = checkpoints
                .manifest(runId, step)
                .orElseThrow(() -> new ProblemException(
                        404, "No such checkpoint", "run " + runId + " has no stored checkpoint at step " + step));
        CheckpointQuality quality = measured != null
                ? measured
                : qualities.of(runId).stream()
                        .filter(q -> q.step() == step)
                        .findFirst()
                        .orElse(null);
        String datasetVersion = datasetVersion(spec.dataset());
        NumericsProvenance numerics = numericsOf(manifest);
        int number = registry.versions(name).size() + 1;
        for (int attempt = 0; attempt < VERSION_ATTEMPTS; attempt++, number++) {
            // another registration may hold this number before it is saved: then the next number
            Optional<NameClaims.Claim> claim = claims.claim(name + ".v" + number);
            if (claim.isEmpty()) {
                continue;
            }
            ModelVersion version = new ModelVersion(
                    ModelVersion.VERSION,
                    name,
                    number,
                    runId,
                    step,
                    manifest.epoch(),
                    quality,
                    spec,
                    datasetVersion,
                    numerics,
                    codeVersion,
                    System.currentTimeMillis(),
                    null);
            try {
                checkpoints.holdForGood(runId, step, name, number);
                registry.save(version);
            } catch (RuntimeException e) {
                claims.release(claim.get()); // not registered: its number is free again
                throw e;
            }
            return version;
        }
        throw new ProblemException(409, "Conflict", "too many versions of " + name + " registered at once; try again");
    }

    /** Which content of the data set: a built-in one's files, or an upload's pixels by their SHA-256. */
    private String datasetVersion(String dataset) {
        if (Catalog.dataset(dataset).isPresent()) {
            return "built-in";
        }
        return datasets.manifest(dataset)
                .map(uploaded -> "sha256:" + uploaded.pixelsSha256())
                .orElse(null);
    }

    /** How the checkpoint's trainer computed, from its training state; null when it did not say. */
    private NumericsProvenance numericsOf(CheckpointManifest manifest) {
        if (!manifest.has(CheckpointParts.STATE)) {
            return null;
        }
        try {
            return checkpoints.state(manifest).numerics();
        } catch (RuntimeException e) {
            LOG.warnf(
                    "checkpoint %s@%d: its training state cannot be read for provenance: %s",
                    manifest.runId(), manifest.step(), e.getMessage());
            return null;
        }
    }

    /** The model's version of the measured checkpoint: the one registered, or a new one with these figures. */
    public ModelVersion versionOf(String name, CheckpointQuality measured) {
        return registry.versions(name).stream()
                .filter(v -> v.runId().equals(measured.runId()) && v.step() == measured.step())
                .findFirst()
                .orElseGet(() -> addVersion(name, measured.runId(), String.valueOf(measured.step()), measured));
    }

    public List<ModelVersion> versions(String name) {
        require(name);
        return registry.versions(name);
    }

    /**
     * Moves {@code alias} to {@code version}. {@code expectedMove} is the alias' move the client saw (its ETag); when
     * given, the move is refused with 412 if the alias has moved since, or if another move got there first.
     */
    public AliasMove move(String name, String alias, int version, Long expectedMove, String movedBy, String reason) {
        require(name);
        if (!requireVersion(name, version).registered()) {
            throw new ProblemException(
                    409, "Conflict", "version " + version + " of model " + name + " was unregistered");
        }
        Optional<AliasMove> current = registry.latestMove(name, alias);
        long currentMove = current.map(AliasMove::move).orElse(0L);
        if (expectedMove != null && expectedMove != currentMove) {
            throw moved(name, alias, currentMove);
        }
        long next = currentMove + 1;
        NameClaims.Claim claim =
                claims.claim(name + "." + alias + "." + next).orElseThrow(() -> moved(name, alias, next));
        AliasMove move = new AliasMove(
                AliasMove.VERSION,
                name,
                alias,
                next,
                current.map(AliasMove::toVersion).orElse(null),
                version,
                movedBy,
                reason,
                System.currentTimeMillis());
        try {
            registry.save(move);
        } catch (RuntimeException e) {
            claims.release(claim); // the move did not happen: its number is free again
            throw e;
        }
        aliases.record(move);
        try {
            moves.send(Record.of(move.key(), move)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // recorded in the store (the history, and what a replica reads for an alias it has not seen); replicas
            // that follow the alias from the topic see it at the next move
            LOG.warnf(
                    "model=%s alias=%s move %d recorded but not published on %s: %s",
                    name, alias, next, AliasMove.TOPIC, e.getMessage());
        }
        return move;
    }

    private ModelVersion requireVersion(String name, int number) {
        return registry.version(name, number)
                .orElseThrow(() ->
                        new ProblemException(404, "No such version", "model " + name + " has no version " + number));
    }

    /**
     * Unregisters a version: its checkpoint is no longer held against retention, and no alias may move to it. One
     * that an alias points to is refused (move the alias first); one unregistered already is left as it is.
     */
    public ModelVersion unregister(String name, int number) {
        require(name);
        ModelVersion version = requireVersion(name, number);
        if (!version.registered()) {
            return version;
        }
        registry.aliases(name).values().stream()
                .filter(move -> move.toVersion() == number)
                .findFirst()
                .ifPresent(move -> {
                    throw new ProblemException(
                            409,
                            "Conflict",
                            "alias " + move.alias() + " of model " + name + " points to version " + number
                                    + "; move it first");
                });
        ModelVersion unregistered = version.unregistered(System.currentTimeMillis());
        registry.save(unregistered);
        checkpoints.releaseForGood(version.runId(), version.step(), name, number);
        return unregistered;
    }

    public List<AliasMove> history(String name, String alias) {
        require(name);
        return registry.moves(name, alias);
    }

    private static ProblemException moved(String name, String alias, long move) {
        return new ProblemException(
                412,
                "Precondition failed",
                "alias " + alias + " of model " + name + " has moved (it is at move " + move
                        + "); read it again and send its ETag in If-Match");
    }

    private static List<String> ganFamilies() {
        return Catalog.modelNames().stream()
                .filter(name -> Catalog.model(name).map(Catalog.Model::isGan).orElse(false))
                .toList();
    }
}

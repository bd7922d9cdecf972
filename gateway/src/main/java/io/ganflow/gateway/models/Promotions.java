package io.ganflow.gateway.models;

import io.ganflow.events.AliasMove;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ModelVersion;
import io.ganflow.events.PromotionPolicy;
import io.ganflow.events.QualityFigure;
import io.ganflow.events.RegisteredModel;
import io.ganflow.events.RunSpec;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.ModelRegistryStore;
import io.ganflow.store.RunSpecStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Promotion by policy: every measured checkpoint is judged, once across the gateway replicas (one consumer group),
 * against the policies of the models its run belongs to. A rule whose conditions all hold makes the checkpoint a
 * version (if it is not one yet) and moves the rule's alias to it, recorded as moved by the policy, with the figures
 * that decided it. A checkpoint that fails every rule is never promoted, whatever is latest.
 */
@ApplicationScoped
public class Promotions {

    private static final Logger LOG = Logger.getLogger(Promotions.class);
    static final String CHANNEL = "checkpoint-quality-promotions";

    private final ModelRegistryStore registry;
    private final RunSpecStore specs;
    private final ModelRegistry models;

    public Promotions(ModelRegistryStore registry, RunSpecStore specs, ModelRegistry models) {
        this.registry = registry;
        this.specs = specs;
        this.models = models;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onQuality(CheckpointQuality quality) {
        Optional<RunSpec> spec = specs.load(quality.runId());
        if (spec.isEmpty()) {
            return;
        }
        for (RegisteredModel model : registry.models()) {
            if (model.policy() != null
                    && model.family().equals(spec.get().model())
                    && model.dataset().equals(spec.get().dataset())) {
                judge(model, quality);
            }
        }
    }

    private void judge(RegisteredModel model, CheckpointQuality quality) {
        for (PromotionPolicy.Rule rule : model.policy().rules()) {
            List<String> reasons = reasons(model.name(), rule, quality);
            if (reasons == null) {
                continue;
            }
            try {
                ModelVersion version = models.versionOf(model.name(), quality);
                Optional<AliasMove> current = current(model.name(), rule.alias());
                if (current.isPresent() && current.get().toVersion() == version.number()) {
                    continue;
                }
                AliasMove move = models.move(
                        model.name(),
                        rule.alias(),
                        version.number(),
                        current.map(AliasMove::move).orElse(0L),
                        "policy",
                        String.join("; ", reasons));
                LOG.infof(
                        "model=%s alias=%s moved to v%d (run=%s step=%d): %s",
                        model.name(), rule.alias(), move.toVersion(), quality.runId(), quality.step(), move.reason());
            } catch (ProblemException e) {
                // moved meanwhile by someone else (412), or the checkpoint is gone: nothing to promote
                LOG.infof("model=%s alias=%s not moved: %s", model.name(), rule.alias(), e.getMessage());
            }
        }
    }

    /** Why every condition of the rule holds for the checkpoint, or null when one does not. */
    private List<String> reasons(String model, PromotionPolicy.Rule rule, CheckpointQuality quality) {
        List<String> reasons = new ArrayList<>();
        for (PromotionPolicy.Condition condition : rule.when()) {
            QualityFigure figure = QualityFigure.named(condition.figure());
            Double value = figure.of(quality);
            if (value == null) {
                return null;
            }
            String name = figure.jsonName();
            if (condition.atLeast() != null) {
                if (value < condition.atLeast()) {
                    return null;
                }
                reasons.add(String.format("%s %.4f >= %s", name, value, condition.atLeast()));
            } else if (condition.atMost() != null) {
                if (value > condition.atMost()) {
                    return null;
                }
                reasons.add(String.format("%s %.4f <= %s", name, value, condition.atMost()));
            } else {
                Double theirs = current(model, condition.beats())
                        .flatMap(move -> version(model, move.toVersion()))
                        .map(ModelVersion::quality)
                        .map(figure::of)
                        .orElse(null);
                if (theirs != null && !figure.better(value, theirs)) {
                    return null;
                }
                reasons.add(
                        theirs == null
                                ? String.format("%s %.4f, and %s has no figure to beat", name, value, condition.beats())
                                : String.format("%s %.4f beats %s's %.4f", name, value, condition.beats(), theirs));
            }
        }
        return reasons;
    }

    private Optional<AliasMove> current(String model, String alias) {
        List<AliasMove> moves = registry.moves(model, alias);
        return moves.isEmpty() ? Optional.empty() : Optional.of(moves.get(moves.size() - 1));
    }

    private Optional<ModelVersion> version(String model, int number) {
        return registry.versions(model).stream()
                .filter(v -> v.number() == number)
                .findFirst();
    }
}

package io.ganflow.gateway.quality;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.QualityStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The measured quality of a run's checkpoints (written by the evaluator beside the run), and which checkpoint is the
 * best: the lowest FCD among those still stored. {@code step=best} resolves here wherever a step is accepted.
 */
@ApplicationScoped
public class CheckpointQualities {

    public static final String BEST = "best";

    private final QualityStore quality;
    private final CheckpointStore checkpoints;

    public CheckpointQualities(QualityStore quality, CheckpointStore checkpoints) {
        this.quality = quality;
        this.checkpoints = checkpoints;
    }

    /** Every measured checkpoint of the run, oldest first (those retention deleted too: the curve stays whole). */
    public List<CheckpointQuality> of(String runId) {
        return quality.all(runId);
    }

    /** The reference classifier chosen for {@code dataset}, if one is. */
    public Optional<ReferenceClassifierChoice> classifierOf(String dataset) {
        return quality.classifierOf(dataset);
    }

    /** The stored checkpoint with the lowest FCD among {@code measured}, if any was measured. */
    public Optional<CheckpointQuality> best(String runId, List<CheckpointQuality> measured) {
        Set<Long> stored = new HashSet<>(checkpoints.steps(runId));
        return measured.stream()
                .filter(q -> q.fcd() != null && stored.contains(q.step()))
                .min(Comparator.comparingDouble(CheckpointQuality::fcd));
    }

    /**
     * The step a request names: null (the latest) when absent, the best checkpoint's for {@code best}, else the number
     * (ApiParameters has checked it is one).
     */
    public Long resolve(String runId, String step) {
        if (step == null) {
            return null;
        }
        if (!BEST.equals(step)) {
            return Long.parseLong(step);
        }
        return best(runId, of(runId))
                .map(CheckpointQuality::step)
                .orElseThrow(() -> new ProblemException(
                        404,
                        "No measured checkpoint",
                        "run " + runId + " has no checkpoint measured yet, so none is the best; ask for the latest "
                                + "(no step) or a step number"));
    }
}

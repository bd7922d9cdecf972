package io.ganflow.gateway.quality;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.gateway.problems.ProblemException;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.QualityStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The measured quality of a run's checkpoints (written by the evaluator beside the run), and which checkpoint is the
 * best: the lowest FCD among those still stored. {@code step=best} resolves here wherever a step is accepted. A
 * record does not change once measured, so records read are kept (at most {@code quality-records-kept}, the least
 * recently read forgotten first): a listing costs one LIST of the run's records, not one GET per checkpoint.
 */
@ApplicationScoped
public class CheckpointQualities {

    public static final String BEST = "best";

    private static final Logger LOG = Logger.getLogger(CheckpointQualities.class);

    private final QualityStore quality;
    private final CheckpointStore checkpoints;
    private final Map<String, CheckpointQuality> kept;

    public CheckpointQualities(
            QualityStore quality,
            CheckpointStore checkpoints,
            @ConfigProperty(name = "ganflow.gateway.quality-records-kept") int recordsKept) {
        this.quality = quality;
        this.checkpoints = checkpoints;
        this.kept = Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CheckpointQuality> eldest) {
                return size() > recordsKept;
            }
        });
    }

    /**
     * Every measured checkpoint of the run, oldest first (those retention deleted too: the curve stays whole). A
     * record that cannot be read is left out with a log line.
     */
    public List<CheckpointQuality> of(String runId) {
        List<CheckpointQuality> measured = new ArrayList<>();
        for (String key : quality.keys(runId)) {
            CheckpointQuality record = kept.get(key);
            if (record == null) {
                try {
                    record = quality.read(key).orElse(null);
                } catch (MalformedEventException e) {
                    LOG.warnf("skipping quality record %s: %s", key, e.getMessage());
                }
                if (record == null) {
                    continue;
                }
                kept.put(key, record);
            }
            measured.add(record);
        }
        measured.sort(Comparator.comparingLong(CheckpointQuality::step));
        return measured;
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
     * ({@code StepOrBest} on the parameter has checked it is one).
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

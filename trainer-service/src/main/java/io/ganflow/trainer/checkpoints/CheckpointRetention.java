package io.ganflow.trainer.checkpoints;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.store.CheckpointStore;
import io.ganflow.trainer.config.TrainerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jboss.logging.Logger;

/**
 * Deletes the checkpoints of a run that no one needs, so that a long run fits in a few GB: after each new checkpoint,
 * those the rule ({@link #kept}) does not keep go, each manifest before its parts, so no reader ever takes a
 * half-deleted checkpoint for whole. Only the training thread prunes its runs; a failure to delete is logged and
 * tried again after the next checkpoint.
 */
@ApplicationScoped
public class CheckpointRetention {

    private static final Logger LOG = Logger.getLogger(CheckpointRetention.class);

    private final CheckpointStore checkpoints;
    private final TrainerConfig.Retention config;
    /** Runs whose checkpoints' epochs are remembered: more than a trainer trains at once. */
    static final int RUNS_REMEMBERED = 64;

    /**
     * The epoch each checkpoint went on with, per run: manifests never change, so each is read once. Only the training
     * thread uses it; a run forgotten (least recently pruned first) has its manifests read again if it comes back.
     */
    private final Map<String, Map<Long, Integer>> epochs = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<Long, Integer>> eldest) {
            return size() > RUNS_REMEMBERED;
        }
    };

    public CheckpointRetention(CheckpointStore checkpoints, TrainerConfig config) {
        this.checkpoints = checkpoints;
        this.config = config.retention();
    }

    void prune(String runId) {
        try {
            Map<Long, Integer> known = epochs.computeIfAbsent(runId, id -> new HashMap<>());
            SortedMap<Long, Integer> epochByStep = new TreeMap<>();
            for (long step : checkpoints.steps(runId)) {
                Integer epoch = known.computeIfAbsent(
                        step,
                        s -> checkpoints
                                .readManifest(CheckpointManifest.key(runId, s))
                                .epoch());
                epochByStep.put(step, epoch);
            }
            Set<Long> keep =
                    kept(epochByStep, checkpoints.pinnedSteps(runId), config.keepLatest(), config.epochInterval());
            for (long step : epochByStep.keySet()) {
                if (!keep.contains(step)) {
                    checkpoints.delete(runId, step);
                    known.remove(step);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("run=%s old checkpoints not deleted this time: %s", runId, e.getMessage());
        }
    }

    /**
     * The steps to keep of checkpoints {@code epochByStep} (step to the epoch training went on with after it): the
     * {@code latest} newest; the one written at the end of every {@code epochInterval}-th epoch (the first
     * checkpoint that goes on with the next epoch); and the {@code pinned} ones.
     */
    static Set<Long> kept(SortedMap<Long, Integer> epochByStep, Set<Long> pinned, int latest, int epochInterval) {
        Set<Long> keep = new HashSet<>(pinned);
        List<Long> steps = List.copyOf(epochByStep.keySet());
        keep.addAll(steps.subList(Math.max(0, steps.size() - latest), steps.size()));
        Set<Integer> epochsSeen = new HashSet<>();
        for (Map.Entry<Long, Integer> checkpoint : epochByStep.entrySet()) {
            int next = checkpoint.getValue();
            if (next >= 1 && epochsSeen.add(next) && next % epochInterval == 0) {
                keep.add(checkpoint.getKey());
            }
        }
        return keep;
    }
}

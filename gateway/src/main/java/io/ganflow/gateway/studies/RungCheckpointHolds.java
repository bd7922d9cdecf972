package io.ganflow.gateway.studies;

import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.StudyPlan;
import io.ganflow.events.StudyProgress;
import io.ganflow.store.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Keeps a trial's rung checkpoints (every k x checkpointEverySteps) from the trainer's retention until the evaluator
 * has measured them: a study judges at those steps, and one deleted unmeasured (an evaluator behind, waiting for its
 * reference classifier, say) would leave a verdict that never comes. Holds are placed ahead of the trainer, on the
 * next {@link #AHEAD} rung steps past its latest checkpoint, before it writes them; each is released once measured,
 * and those past a trial's end once it has ended.
 */
@ApplicationScoped
public class RungCheckpointHolds {

    /** Rung steps held ahead of a trial's latest checkpoint: more than a trainer writes between two ticks. */
    static final int AHEAD = 8;

    private final CheckpointStore checkpoints;
    /** What this gateway holds, per trial run; read from the store once per run after a start. */
    private final Map<String, Set<Long>> held = new ConcurrentHashMap<>();

    public RungCheckpointHolds(CheckpointStore checkpoints) {
        this.checkpoints = checkpoints;
    }

    /** Holds the trial's rung checkpoints it still needs measured, and releases the others. */
    void keep(String studyId, StudyPlan.Trial trial, StudyProgress.TrialFacts facts) {
        String runId = trial.runId();
        String holder = holder(studyId);
        Set<Long> wanted = wanted(trial.spec().checkpointEverySteps(), facts);
        Set<Long> current = held.computeIfAbsent(runId, id -> new HashSet<>(checkpoints.heldSteps(id, holder)));
        for (long step : wanted) {
            if (!current.contains(step)) {
                checkpoints.hold(runId, step, holder);
                current.add(step);
            }
        }
        for (long step : Set.copyOf(current)) {
            if (!wanted.contains(step)) {
                checkpoints.release(runId, step, holder);
                current.remove(step);
            }
        }
    }

    /** The rung steps not measured yet up to the trial's end, or while it trains up to {@link #AHEAD} past it. */
    static Set<Long> wanted(long every, StudyProgress.TrialFacts facts) {
        Set<Long> measured =
                facts.measured().stream().map(CheckpointQuality::step).collect(Collectors.toSet());
        long last = facts.lastCheckpoint() == null ? 0 : facts.lastCheckpoint();
        long until = facts.ended() ? last : last + AHEAD * every;
        Set<Long> wanted = new HashSet<>();
        for (long step = every; step <= until; step += every) {
            if (!measured.contains(step)) {
                wanted.add(step);
            }
        }
        return wanted;
    }

    /** "s-" and the study id: a holder is an id of at most 63 characters, and a study id at most 58. */
    private static String holder(String studyId) {
        return "s-" + studyId;
    }
}

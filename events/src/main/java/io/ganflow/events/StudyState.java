package io.ganflow.events;

import java.util.List;
import java.util.Map;

/**
 * Where a study stands, published on the compacted {@link #TOPIC} (keyed by study id) and kept in the store: each
 * trial's settings, state, measured checkpoints, objective value and, when a rule stopped it, the rung and why; the
 * best trial once every trial has ended and been measured, and the model version it was registered as.
 *
 * @param objectiveFigure the figure the trials' values are ({@code fcd}: lower is better; the others higher), so that
 *     the state alone says what they are; null in states written before it was recorded
 * @param objectiveAt where a trial's value is read: at its {@code last} counted checkpoint or its {@code best}
 * @param bestTrial the best trial's index once the study is COMPLETED; null before (or when no trial was measured)
 * @param bestStep the best trial's checkpoint with the best objective figure (within the rung it was stopped at)
 * @param registeredVersion the version of the study's model that checkpoint became; null when it names none
 */
public record StudyState(
        int version,
        String studyId,
        State state,
        String objectiveFigure,
        String objectiveAt,
        List<Trial> trials,
        Integer bestTrial,
        Long bestStep,
        Double bestValue,
        Integer registeredVersion,
        String message,
        long updatedMillis) {

    public static final String TOPIC = "studies";
    public static final int VERSION = 1;

    public enum State {
        RUNNING,
        COMPLETED
    }

    /**
     * One trial as the study sees it.
     *
     * @param state WAITING (not started), TRAINING, STOPPING (its rule stopped it; its trainer has not yet), COMPLETED,
     *     STOPPED (by its rule, or by a person), FAILED
     * @param measured its checkpoints that count, measured so far: those at its rungs (every checkpointEverySteps),
     *     and a completed trial's last one
     * @param value its objective value: at the rung it was stopped at, else over every counted checkpoint so far
     * @param stoppedAtRung the rung its rule stopped it at (its checkpoint at step rung x checkpointEverySteps); null
     *     when it was not stopped by the rule
     */
    public record Trial(
            int index,
            String runId,
            Map<String, Object> settings,
            String state,
            int measured,
            Double value,
            Integer stoppedAtRung,
            String reason) {}

    public StudyState {
        Fields.version(version, VERSION, "StudyState");
        Ids.check(studyId, "studyId");
        Fields.required(state, "state");
        trials = trials == null ? List.of() : List.copyOf(trials);
    }
}

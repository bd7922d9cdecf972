package io.ganflow.events;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study's progress from what is known of its trials' runs, and what to do next: which trials to start (in order,
 * as the budget allows), which to stop (their rule's verdict), and, once every trial has ended and been measured,
 * the best. Pure: the same facts give the same answer, so a scheduler that starts again (or two at once) decides the
 * same, and starts nothing twice.
 *
 * <p>A trial's k-th rung is its checkpoint at step k x {@code checkpointEverySteps}, whichever checkpoints happened to
 * be written or measured besides (a hand-over to another trainer, a stop, an epoch's end): those depend on when
 * things happened, and a study repeated must decide the same. Its objective counts those regular checkpoints, and a
 * completed trial's last one.
 */
public final class StudyProgress {

    /**
     * What is known of one trial's run.
     *
     * @param run its state; null while it was never started
     * @param measured its measured checkpoints, in step order
     * @param lastCheckpoint the step of its latest checkpoint; null while it has none
     */
    public record TrialFacts(RunStatus.State run, List<CheckpointQuality> measured, Long lastCheckpoint) {

        public TrialFacts {
            measured = List.copyOf(measured);
        }

        public boolean started() {
            return run != null;
        }

        public boolean ended() {
            return run == RunStatus.State.COMPLETED || run == RunStatus.State.FAILED || run == RunStatus.State.STOPPED;
        }
    }

    /**
     * A trial's checkpoints that count: {@code rungs}, its measured checkpoints at every k x checkpointEverySteps
     * from the first on, up to the first not measured yet; {@code counted}, those and a completed run's last one.
     * {@code complete} when every one it will ever have is measured.
     */
    private record Counted(List<CheckpointQuality> rungs, List<CheckpointQuality> counted, boolean complete) {

        static Counted of(TrialFacts fact, long every) {
            Map<Long, CheckpointQuality> byStep = new LinkedHashMap<>();
            fact.measured().forEach(quality -> byStep.put(quality.step(), quality));
            List<CheckpointQuality> rungs = new ArrayList<>();
            for (long step = every; byStep.containsKey(step); step += every) {
                rungs.add(byStep.get(step));
            }
            List<CheckpointQuality> counted = new ArrayList<>(rungs);
            Long last = fact.lastCheckpoint();
            boolean lastIsExtra = last != null && last % every != 0 && fact.run() == RunStatus.State.COMPLETED;
            if (lastIsExtra && byStep.containsKey(last)) {
                counted.add(byStep.get(last));
            }
            boolean complete = fact.ended()
                    && (last == null || (rungs.size() >= last / every && (!lastIsExtra || byStep.containsKey(last))));
            return new Counted(rungs, counted, complete);
        }
    }

    /** The study as it stands, the trials to start now (by index) and those to stop, with why. */
    public record Decision(StudyState state, List<Integer> toStart, Map<Integer, String> toStop) {}

    private StudyProgress() {}

    public static Decision decide(StudySpec study, List<StudyPlan.Trial> plan, List<TrialFacts> facts, long now) {
        StudySpec.Objective objective = study.objective();
        QualityFigure figure = objective.qualityFigure();
        int n = plan.size();
        List<Counted> counts = new ArrayList<>();
        List<List<Double>> figures = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            Counted counted = Counted.of(facts.get(t), plan.get(t).spec().checkpointEverySteps());
            counts.add(counted);
            figures.add(counted.rungs().stream().map(figure::of).toList());
        }
        Integer[] stoppedAt = new Integer[n];
        Integer[] waitingAt = new Integer[n];
        for (int t = 0; t < n; t++) {
            judge(study, figures, counts, stoppedAt, waitingAt, t);
        }

        List<StudyState.Trial> trials = new ArrayList<>();
        Map<Integer, String> toStop = new LinkedHashMap<>();
        List<TrialJudge.Scored> finals = new ArrayList<>();
        boolean allSettled = true;
        int active = 0;
        for (int t = 0; t < n; t++) {
            TrialFacts fact = facts.get(t);
            List<Double> own = counts.get(t).counted().stream().map(figure::of).toList();
            int counted = stoppedAt[t] != null ? stoppedAt[t] : own.size();
            Optional<Double> value = TrialJudge.valueAt(objective, own, counted);
            String reason = stoppedAt[t] == null
                    ? null
                    : String.format(
                            "%s: at rung %d (step %d) its %s was %s",
                            study.earlyStopping().rule(),
                            stoppedAt[t],
                            stoppedAt[t] * (long) plan.get(t).spec().checkpointEverySteps(),
                            figure.jsonName(),
                            value.map(v -> String.format("%.4f", v)).orElse("not measured"));
            if (stoppedAt[t] != null && fact.started() && !fact.ended()) {
                toStop.put(t, reason);
            }
            if (fact.started() && !fact.ended()) {
                active++;
            }
            boolean settled =
                    fact.ended() && (stoppedAt[t] != null || counts.get(t).complete()) && waitingAt[t] == null;
            allSettled &= settled;
            if (settled && value.isPresent()) {
                finals.add(new TrialJudge.Scored(t, value.get()));
            }
            trials.add(new StudyState.Trial(
                    t,
                    plan.get(t).runId(),
                    plan.get(t).settings(),
                    trialState(fact, stoppedAt[t]),
                    own.size(),
                    value.orElse(null),
                    stoppedAt[t],
                    reason));
        }
        List<Integer> toStart = new ArrayList<>();
        for (int t = 0; t < n && active + toStart.size() < study.budget().maxConcurrent(); t++) {
            if (!facts.get(t).started()) {
                toStart.add(t);
            }
        }
        Optional<TrialJudge.Scored> best = allSettled ? TrialJudge.best(figure, finals) : Optional.empty();
        Long bestStep = best.map(b -> bestStep(objective, counts.get(b.index()).counted(), stoppedAt[b.index()]))
                .orElse(null);
        StudyState state = new StudyState(
                StudyState.VERSION,
                study.studyId(),
                allSettled ? StudyState.State.COMPLETED : StudyState.State.RUNNING,
                objective.figure(),
                objective.at(),
                trials,
                best.map(TrialJudge.Scored::index).orElse(null),
                bestStep,
                best.map(TrialJudge.Scored::value).orElse(null),
                null,
                allSettled
                        ? best.map(b -> "best: trial " + b.index() + " "
                                        + plan.get(b.index()).settings())
                                .orElse("no trial was measured")
                        : null,
                now);
        return new Decision(state, toStart, toStop);
    }

    /**
     * Walks trial {@code t}'s rungs in order, judging each against the earlier trials' values there: stops at the
     * first verdict to stop, or waits at the first rung where an earlier trial's value (or fate) is not known yet.
     */
    private static void judge(
            StudySpec study,
            List<List<Double>> figures,
            List<Counted> counts,
            Integer[] stoppedAt,
            Integer[] waitingAt,
            int t) {
        StudySpec.EarlyStopping rule = study.earlyStopping();
        QualityFigure figure = study.objective().qualityFigure();
        for (int k = 1; k <= figures.get(t).size(); k++) {
            if (!TrialJudge.isRung(rule, k)) {
                continue;
            }
            Optional<Double> value = TrialJudge.valueAt(study.objective(), figures.get(t), k);
            if (value.isEmpty()) {
                return;
            }
            List<TrialJudge.Scored> earlier = new ArrayList<>();
            for (int e = 0; e < t; e++) {
                if (stoppedAt[e] != null && stoppedAt[e] < k) {
                    continue; // stopped before this rung
                }
                if (waitingAt[e] != null && waitingAt[e] <= k) {
                    waitingAt[t] = k; // whether it goes on to this rung is not decided yet
                    return;
                }
                Optional<Double> theirs = TrialJudge.valueAt(study.objective(), figures.get(e), k);
                if (theirs.isPresent()) {
                    earlier.add(new TrialJudge.Scored(e, theirs.get()));
                } else if (!counts.get(e).complete()) {
                    waitingAt[t] = k; // it has not reached this rung yet, and may
                    return;
                }
            }
            if (TrialJudge.stops(rule, figure, new TrialJudge.Scored(t, value.get()), earlier)) {
                stoppedAt[t] = k;
                return;
            }
        }
    }

    private static String trialState(TrialFacts fact, Integer stoppedAt) {
        if (!fact.started()) {
            return "WAITING";
        }
        if (!fact.ended()) {
            return stoppedAt != null ? "STOPPING" : "TRAINING";
        }
        return stoppedAt != null ? "STOPPED" : fact.run().name();
    }

    /** The step of the trial's checkpoint with the best objective figure, within what counts for it. */
    private static Long bestStep(StudySpec.Objective objective, List<CheckpointQuality> measured, Integer stoppedAt) {
        QualityFigure figure = objective.qualityFigure();
        List<CheckpointQuality> counted = measured.subList(0, stoppedAt != null ? stoppedAt : measured.size());
        CheckpointQuality best = null;
        for (CheckpointQuality quality : counted) {
            Double value = figure.of(quality);
            if (value != null && (best == null || figure.better(value, figure.of(best)))) {
                best = quality;
            }
        }
        return best == null ? null : best.step();
    }
}

package io.ganflow.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Trials judged by a study's objective: a trial's value at a rung (its first k measured checkpoints), whether an
 * early-stopping rule stops it there, and which trial is the best. Pure and deterministic: the same figures always give
 * the same stops and the same best, whatever order they were measured in; ties go to the earlier trial.
 */
public final class TrialJudge {

    /** A trial's objective value at a rung (or over all it measured). */
    public record Scored(int index, double value) {}

    private TrialJudge() {}

    /**
     * The objective over a trial's first {@code checkpoints} measured figures (in step order): the last of them, or
     * the best; empty when it has fewer, or one of them lacks the figure.
     */
    public static Optional<Double> valueAt(StudySpec.Objective objective, List<Double> figures, int checkpoints) {
        if (checkpoints < 1 || figures.size() < checkpoints) {
            return Optional.empty();
        }
        List<Double> upTo = figures.subList(0, checkpoints);
        if (upTo.stream().anyMatch(f -> f == null || f.isNaN())) {
            return Optional.empty();
        }
        if (StudySpec.Objective.LAST.equals(objective.at())) {
            return Optional.of(upTo.get(checkpoints - 1));
        }
        QualityFigure figure = objective.qualityFigure();
        return upTo.stream().reduce((a, b) -> figure.better(b, a) ? b : a);
    }

    /** Whether the rule judges trials at their {@code checkpoints}-th measured checkpoint. */
    public static boolean isRung(StudySpec.EarlyStopping rule, int checkpoints) {
        if (rule == null || StudySpec.EarlyStopping.NONE.equals(rule.rule()) || checkpoints < rule.graceCheckpoints()) {
            return false;
        }
        if (StudySpec.EarlyStopping.MEDIAN.equals(rule.rule())) {
            return true;
        }
        long rung = rule.graceCheckpoints();
        while (rung < checkpoints) {
            rung *= rule.reductionFactor();
        }
        return rung == checkpoints;
    }

    /**
     * Whether the rule stops {@code trial} at a rung, judged against the earlier trials' values at the same rung
     * (trials are judged in index order, so a verdict never waits for a later trial, and is the same however the
     * trials' checkpoints interleave). Median: it is worse than the median of the earlier ones. Successive halving: it
     * is not among the best 1/factor (rounded up) of the earlier ones and itself. The first trial always goes on.
     */
    public static boolean stops(
            StudySpec.EarlyStopping rule, QualityFigure figure, Scored trial, List<Scored> earlier) {
        if (earlier.isEmpty()) {
            return false;
        }
        if (StudySpec.EarlyStopping.MEDIAN.equals(rule.rule())) {
            double median =
                    median(earlier.stream().mapToDouble(Scored::value).sorted().toArray());
            return figure.better(median, trial.value());
        }
        if (StudySpec.EarlyStopping.SUCCESSIVE_HALVING.equals(rule.rule())) {
            List<Scored> all = new ArrayList<>(earlier);
            all.add(trial);
            all.sort(order(figure));
            int kept = (int) Math.ceil(all.size() / (double) rule.reductionFactor());
            return all.indexOf(trial) >= kept;
        }
        return false;
    }

    /** The best of the trials' values; ties go to the earlier trial. */
    public static Optional<Scored> best(QualityFigure figure, List<Scored> trials) {
        return trials.stream().min(order(figure));
    }

    /** Best first, then the earlier trial. */
    private static Comparator<Scored> order(QualityFigure figure) {
        Comparator<Scored> byValue = Comparator.comparingDouble(Scored::value);
        return (figure.higherIsBetter ? byValue.reversed() : byValue).thenComparingInt(Scored::index);
    }

    private static double median(double[] sorted) {
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

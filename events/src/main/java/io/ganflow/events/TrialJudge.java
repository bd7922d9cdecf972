package io.ganflow.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Trials judged by a study's objective: a trial's value at a rung (its first k measured checkpoints), which trials an
 * early-stopping rule stops there, and which trial is the best. Pure and deterministic: the same figures always give
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
     * The trials (by index) the rule stops at a rung, given the value of every trial judged there. Median: those
     * worse than the median of all of them. Successive halving: all but the best 1/factor (rounded up).
     */
    public static Set<Integer> stopping(StudySpec.EarlyStopping rule, QualityFigure figure, List<Scored> atRung) {
        List<Scored> bestFirst = new ArrayList<>(atRung);
        bestFirst.sort(order(figure));
        Set<Integer> stopped = new TreeSet<>();
        if (StudySpec.EarlyStopping.MEDIAN.equals(rule.rule())) {
            double median = median(
                    bestFirst.stream().mapToDouble(Scored::value).sorted().toArray());
            for (Scored trial : bestFirst) {
                if (figure.better(median, trial.value())) {
                    stopped.add(trial.index());
                }
            }
        } else if (StudySpec.EarlyStopping.SUCCESSIVE_HALVING.equals(rule.rule())) {
            int kept = (int) Math.ceil(bestFirst.size() / (double) rule.reductionFactor());
            for (Scored trial : bestFirst.subList(kept, bestFirst.size())) {
                stopped.add(trial.index());
            }
        }
        return stopped;
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

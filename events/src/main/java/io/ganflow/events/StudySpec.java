package io.ganflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A study: many runs (its trials) from one request. Each trial is the base spec with one point of the search space,
 * chosen by the method: every point of a grid in order, or points drawn at random from a seed, so that a study
 * repeats exactly. The budget says how many trials at most, and how many at once; the objective, which figure makes
 * a trial the best (at its last checkpoint or its best); the early-stopping rule, which trials stop at a rung.
 *
 * @param base the spec every trial starts from; a trial's run id is {@link StudyPlan#trialRunId}
 * @param space setting name ({@link StudySetting}) to the values it takes (grid or random) or a range (random)
 * @param method {@link #GRID} or {@link #RANDOM}
 * @param seed random's seed (required for random, so that the same request draws the same trials); null for grid
 * @param model a registered model that the best trial's best checkpoint becomes a version of; null: none
 */
public record StudySpec(
        int version,
        String studyId,
        RunSpec base,
        Map<String, Dimension> space,
        String method,
        Long seed,
        Budget budget,
        Objective objective,
        EarlyStopping earlyStopping,
        String model) {

    public static final int VERSION = 1;
    public static final String GRID = "grid";
    public static final String RANDOM = "random";
    public static final int MAX_DIMENSIONS = StudySetting.values().length;
    public static final int MAX_VALUES = 100;
    public static final int MAX_TRIALS = 1000;
    public static final int MAX_CONCURRENT = 64;
    /** A grid of more points than this is refused however small the budget: it is a mistake, not a study. */
    public static final long MAX_GRID_POINTS = 100_000;
    /** Trial run ids add "-t" and up to three digits: a study id leaves room for them. */
    public static final int MAX_STUDY_ID_LENGTH = 58;

    /**
     * A dimension of the space: {@code values}, or a range from {@code min} to {@code max} (uniform, or log-uniform
     * when {@code log}) that only random search can draw from.
     */
    public record Dimension(List<Object> values, Double min, Double max, Boolean log) {

        public boolean isRange() {
            return values == null;
        }

        public boolean logScale() {
            return Boolean.TRUE.equals(log);
        }
    }

    /** At most {@code maxTrials} trials, at most {@code maxConcurrent} of them training at once. */
    public record Budget(Integer maxTrials, Integer maxConcurrent) {}

    /**
     * The figure that makes a trial the best, and where it is read: at the trial's {@code last} measured checkpoint,
     * or its {@code best}.
     */
    public record Objective(String figure, String at) {

        public static final String LAST = "last";
        public static final String BEST = "best";

        public QualityFigure qualityFigure() {
            return QualityFigure.named(figure);
        }
    }

    /**
     * When trials stop early, judged at rungs of measured checkpoints: {@code none}; {@code median} (at every
     * checkpoint from the {@code graceCheckpoints}-th on, a trial worse than the median of the trials at that
     * checkpoint stops); or {@code successive-halving} (at checkpoints grace, grace x factor, grace x factor^2, ...,
     * only the best 1/{@code reductionFactor} go on).
     */
    public record EarlyStopping(String rule, Integer graceCheckpoints, Integer reductionFactor) {

        public static final String NONE = "none";
        public static final String MEDIAN = "median";
        public static final String SUCCESSIVE_HALVING = "successive-halving";
    }

    public StudySpec {
        Fields.version(version, VERSION, "StudySpec");
    }

    /** What is wrong with the study, each naming its field; empty when it can be planned. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!Ids.isValid(studyId) || studyId.length() > MAX_STUDY_ID_LENGTH) {
            problems.add(
                    "studyId must be " + Ids.RULE + " and at most " + MAX_STUDY_ID_LENGTH + " long, was " + studyId);
        }
        if (base == null) {
            problems.add("base must be a run's settings");
        }
        problems.addAll(methodProblems());
        problems.addAll(spaceProblems());
        problems.addAll(budgetProblems());
        problems.addAll(objectiveProblems());
        problems.addAll(earlyStoppingProblems());
        if (model != null && !Ids.isValid(model)) {
            problems.add("model must be " + Ids.RULE + ", was " + model);
        }
        return problems;
    }

    private List<String> methodProblems() {
        if (GRID.equals(method)) {
            return seed == null ? List.of() : List.of("seed is for random search; a grid has no draws");
        }
        if (RANDOM.equals(method)) {
            return seed == null
                    ? List.of("seed must be given for random search, so the study can be repeated")
                    : List.of();
        }
        return List.of("method must be " + GRID + " or " + RANDOM + ", was " + method);
    }

    private List<String> spaceProblems() {
        if (space == null || space.isEmpty() || space.size() > MAX_DIMENSIONS) {
            return List.of("space must name 1 to " + MAX_DIMENSIONS + " settings (" + StudySetting.names() + ")");
        }
        List<String> problems = new ArrayList<>();
        long points = 1;
        for (Map.Entry<String, Dimension> entry : space.entrySet()) {
            String at = "space." + entry.getKey();
            Optional<StudySetting> setting = StudySetting.named(entry.getKey());
            if (setting.isEmpty()) {
                problems.add(at + " is not a setting a study searches; it takes " + StudySetting.names());
                continue;
            }
            Dimension dimension = entry.getValue();
            if (dimension == null) {
                problems.add(at + " must give values, or min and max");
                continue;
            }
            problems.addAll(dimensionProblems(at, setting.get(), dimension));
            if (!dimension.isRange()) {
                points = Math.min(
                        Long.MAX_VALUE / MAX_VALUES,
                        points * Math.max(1, dimension.values().size()));
            }
        }
        if (GRID.equals(method) && points > MAX_GRID_POINTS) {
            problems.add("space has " + (points >= Long.MAX_VALUE / MAX_VALUES ? "too many" : points)
                    + " grid points, at most " + MAX_GRID_POINTS);
        }
        return problems;
    }

    private List<String> dimensionProblems(String at, StudySetting setting, Dimension dimension) {
        List<String> problems = new ArrayList<>();
        if (!dimension.isRange()) {
            if (dimension.min() != null || dimension.max() != null || dimension.log() != null) {
                problems.add(at + " must give values or a range (min, max, log), not both");
            }
            if (dimension.values().isEmpty() || dimension.values().size() > MAX_VALUES) {
                problems.add(at + ".values must hold 1 to " + MAX_VALUES + " values, held "
                        + dimension.values().size());
                return problems;
            }
            for (int i = 0; i < dimension.values().size(); i++) {
                String where = at + ".values[" + i + "]";
                setting.problem(dimension.values().get(i)).ifPresent(p -> problems.add(where + " " + p));
            }
            return problems;
        }
        if (!RANDOM.equals(method)) {
            problems.add(at + " is a range: only random search draws from one; a grid needs values");
        }
        if (setting.kind == StudySetting.Kind.NAME) {
            problems.add(at + " takes names: give values");
            return problems;
        }
        if (dimension.min() == null || dimension.max() == null || !(dimension.min() < dimension.max())) {
            problems.add(at + " must give min < max, was [" + dimension.min() + ", " + dimension.max() + "]");
            return problems;
        }
        setting.rangeProblem(dimension.min()).ifPresent(p -> problems.add(at + ".min " + p));
        setting.rangeProblem(dimension.max()).ifPresent(p -> problems.add(at + ".max " + p));
        if (dimension.logScale() && !(dimension.min() > 0)) {
            problems.add(at + ".log needs min > 0, was " + dimension.min());
        }
        return problems;
    }

    private List<String> budgetProblems() {
        if (budget == null) {
            return List.of("budget must give maxTrials and maxConcurrent");
        }
        List<String> problems = new ArrayList<>();
        if (budget.maxTrials() == null || budget.maxTrials() < 1 || budget.maxTrials() > MAX_TRIALS) {
            problems.add("budget.maxTrials must be between 1 and " + MAX_TRIALS + ", was " + budget.maxTrials());
        }
        if (budget.maxConcurrent() == null || budget.maxConcurrent() < 1 || budget.maxConcurrent() > MAX_CONCURRENT) {
            problems.add(
                    "budget.maxConcurrent must be between 1 and " + MAX_CONCURRENT + ", was " + budget.maxConcurrent());
        }
        return problems;
    }

    private List<String> objectiveProblems() {
        if (objective == null) {
            return List.of("objective must give a figure (" + QualityFigure.names() + ") and at (last or best)");
        }
        List<String> problems = new ArrayList<>();
        if (objective.qualityFigure() == null) {
            problems.add("objective.figure must be one of " + QualityFigure.names() + ", was " + objective.figure());
        }
        if (!Objective.LAST.equals(objective.at()) && !Objective.BEST.equals(objective.at())) {
            problems.add(
                    "objective.at must be " + Objective.LAST + " or " + Objective.BEST + ", was " + objective.at());
        }
        return problems;
    }

    private List<String> earlyStoppingProblems() {
        if (earlyStopping == null || EarlyStopping.NONE.equals(earlyStopping.rule())) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String rule = earlyStopping.rule();
        if (!EarlyStopping.MEDIAN.equals(rule) && !EarlyStopping.SUCCESSIVE_HALVING.equals(rule)) {
            problems.add("earlyStopping.rule must be " + EarlyStopping.NONE + ", " + EarlyStopping.MEDIAN + " or "
                    + EarlyStopping.SUCCESSIVE_HALVING + ", was " + rule);
        }
        Integer grace = earlyStopping.graceCheckpoints();
        if (grace == null || grace < 1 || grace > 1000) {
            problems.add("earlyStopping.graceCheckpoints must be between 1 and 1000, was " + grace);
        }
        Integer factor = earlyStopping.reductionFactor();
        if (EarlyStopping.SUCCESSIVE_HALVING.equals(rule) && (factor == null || factor < 2 || factor > 10)) {
            problems.add("earlyStopping.reductionFactor must be between 2 and 10, was " + factor);
        } else if (EarlyStopping.MEDIAN.equals(rule) && factor != null) {
            problems.add("earlyStopping.reductionFactor is for successive-halving, not median");
        }
        return problems;
    }
}

package io.ganflow.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The settings of a run a study may search over, each with the kind of value it takes and how a trial's spec gets it.
 * Numbers keep the ranges a run's spec has ({@link RunSpecLimits}); a model or a data set is any a run may name, and
 * a trial whose pair does not fit (a colour model on grey data) is refused with the spec's own words.
 */
public enum StudySetting {
    LEARNING_RATE("learningRate", Kind.FRACTION, RunSpecLimits.LEARNING_RATE),
    BETA1("beta1", Kind.FRACTION, RunSpecLimits.BETA1),
    BETA2("beta2", Kind.FRACTION, RunSpecLimits.BETA2),
    BATCH_SIZE("batchSize", Kind.WHOLE, RunSpecLimits.BATCH_SIZE),
    LATENT_SIZE("latentSize", Kind.WHOLE, RunSpecLimits.LATENT_SIZE),
    EPOCHS("epochs", Kind.WHOLE, RunSpecLimits.EPOCHS),
    SEED("seed", Kind.WHOLE, null),
    MODEL("model", Kind.NAME, null),
    DATASET("dataset", Kind.NAME, null);

    /** What a setting's values are: fractions, whole numbers, or names. */
    public enum Kind {
        FRACTION,
        WHOLE,
        NAME
    }

    public final String jsonName;
    public final Kind kind;
    /** The setting's range in a run's spec; null for seeds and names. */
    public final RunSpecLimits.FieldRange range;

    StudySetting(String jsonName, Kind kind, RunSpecLimits.FieldRange range) {
        this.jsonName = jsonName;
        this.kind = kind;
        this.range = range;
    }

    public static Optional<StudySetting> named(String name) {
        return Arrays.stream(values()).filter(s -> s.jsonName.equals(name)).findFirst();
    }

    public static String names() {
        return Arrays.stream(values()).map(s -> s.jsonName).collect(Collectors.joining(", "));
    }

    /**
     * Why {@code value} cannot be this setting's value (its kind and, for a number, its range), or empty. A JSON
     * whole number comes as an Integer or a Long, a fraction as a Double; a name as a String.
     */
    public Optional<String> problem(Object value) {
        return switch (kind) {
            case NAME ->
                value instanceof String name && !name.isBlank()
                        ? Optional.empty()
                        : Optional.of("must be a name, was " + value);
            case WHOLE ->
                value instanceof Integer || value instanceof Long
                        ? rangeProblem(((Number) value).doubleValue())
                        : Optional.of("must be a whole number, was " + value);
            case FRACTION ->
                value instanceof Number number && !(value instanceof Float)
                        ? rangeProblem(number.doubleValue())
                        : Optional.of("must be a number, was " + value);
        };
    }

    /** Why {@code value} is outside this setting's range, or empty. */
    public Optional<String> rangeProblem(double value) {
        return range == null
                ? Optional.empty()
                : range.problem(value).map(words -> words.replace(range.field() + " ", ""));
    }

    /** {@code spec} with this setting set to {@code value} (already checked by {@link #problem}). */
    public RunSpec apply(RunSpec spec, Object value) {
        double number = value instanceof Number n ? n.doubleValue() : Double.NaN;
        return new RunSpec(
                spec.runId(),
                this == MODEL ? (String) value : spec.model(),
                this == DATASET ? (String) value : spec.dataset(),
                this == EPOCHS ? (int) number : spec.epochs(),
                this == BATCH_SIZE ? (int) number : spec.batchSize(),
                this == LEARNING_RATE ? number : spec.learningRate(),
                this == BETA1 ? number : spec.beta1(),
                this == BETA2 ? number : spec.beta2(),
                this == LATENT_SIZE ? (int) number : spec.latentSize(),
                spec.checkpointEverySteps(),
                spec.metricsEverySteps(),
                this == SEED ? ((Number) value).longValue() : spec.seed(),
                spec.datasetLimit());
    }
}

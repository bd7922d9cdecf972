package io.ganflow.events;

import java.util.List;
import java.util.Optional;

/**
 * The ranges of a run spec's numbers, as data: {@link RunSpec#problems} checks them, and the gateway hands them to
 * clients (the web UI's start form), so that a form's limits are the rule itself, never a copy of it.
 */
public final class RunSpecLimits {

    /**
     * One field's range. A bound that is null is open; an exclusive bound is itself outside the range.
     *
     * @param whole whether the field takes whole numbers only
     */
    public record FieldRange(
            String field,
            Double minimum,
            Double maximum,
            boolean exclusiveMinimum,
            boolean exclusiveMaximum,
            boolean whole) {

        static FieldRange whole(String field, double minimum, Double maximum) {
            return new FieldRange(field, minimum, maximum, false, false, true);
        }

        static FieldRange fraction(String field, double minimum, double maximum, boolean exclusiveMinimum) {
            return new FieldRange(field, minimum, maximum, exclusiveMinimum, true, false);
        }

        /** Why {@code value} is outside the range ("epochs must be between 1 and 10000, was 0"), or empty. */
        public Optional<String> problem(double value) {
            if (admits(value)) {
                return Optional.empty();
            }
            return Optional.of(
                    field + " must be " + rule() + ", was " + (whole ? String.valueOf((long) value) : value));
        }

        /** The range in words: "between 1 and 1024", "at least 0", "in (0, 1)". */
        private String rule() {
            if (whole) {
                long low = minimum.longValue();
                return maximum == null ? "at least " + low : "between " + low + " and " + maximum.longValue();
            }
            return "in " + (exclusiveMinimum ? "(" : "[") + number(minimum) + ", " + number(maximum)
                    + (exclusiveMaximum ? ")" : "]");
        }

        private static String number(double value) {
            return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
        }

        public boolean admits(double value) {
            boolean aboveMinimum = minimum == null || (exclusiveMinimum ? value > minimum : value >= minimum);
            boolean belowMaximum = maximum == null || (exclusiveMaximum ? value < maximum : value <= maximum);
            return aboveMinimum && belowMaximum;
        }
    }

    public static final FieldRange EPOCHS = FieldRange.whole("epochs", 1, 10_000.0);
    public static final FieldRange BATCH_SIZE = FieldRange.whole("batchSize", 1, (double) RunSpec.MAX_BATCH_SIZE);
    public static final FieldRange LEARNING_RATE = FieldRange.fraction("learningRate", 0, 1, true);
    public static final FieldRange BETA1 = FieldRange.fraction("beta1", 0, 1, false);
    public static final FieldRange BETA2 = FieldRange.fraction("beta2", 0, 1, false);
    public static final FieldRange LATENT_SIZE = FieldRange.whole("latentSize", 1, 1024.0);
    public static final FieldRange CHECKPOINT_EVERY_STEPS = FieldRange.whole("checkpointEverySteps", 1, null);
    public static final FieldRange METRICS_EVERY_STEPS = FieldRange.whole("metricsEverySteps", 1, null);
    /** 0 means all of the data set. */
    public static final FieldRange DATASET_LIMIT = FieldRange.whole("datasetLimit", 0, null);

    public static final List<FieldRange> ALL = List.of(
            EPOCHS,
            BATCH_SIZE,
            LEARNING_RATE,
            BETA1,
            BETA2,
            LATENT_SIZE,
            CHECKPOINT_EVERY_STEPS,
            METRICS_EVERY_STEPS,
            DATASET_LIMIT);

    private RunSpecLimits() {}
}

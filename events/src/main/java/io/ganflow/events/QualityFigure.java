package io.ganflow.events;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The figures a checkpoint is measured by, as promotion policies and study objectives name them, and which way is
 * better.
 */
public enum QualityFigure {
    ACCURACY(true, 0, 1),
    FCD(false, 0, Double.MAX_VALUE),
    PRECISION(true, 0, 1),
    RECALL(true, 0, 1);

    public final boolean higherIsBetter;
    final double lowest;
    final double highest;

    QualityFigure(boolean higherIsBetter, double lowest, double highest) {
        this.higherIsBetter = higherIsBetter;
        this.lowest = lowest;
        this.highest = highest;
    }

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** This figure of a measured checkpoint; null when it was not measured (an unconditional GAN's accuracy). */
    public Double of(CheckpointQuality quality) {
        return switch (this) {
            case ACCURACY -> quality.accuracy();
            case FCD -> quality.fcd();
            case PRECISION -> quality.precision();
            case RECALL -> quality.recall();
        };
    }

    /** Whether {@code value} is better than {@code than} by this figure. */
    public boolean better(double value, double than) {
        return higherIsBetter ? value > than : value < than;
    }

    /** The figure of that JSON name, or null. */
    public static QualityFigure named(String name) {
        for (QualityFigure figure : values()) {
            if (figure.jsonName().equals(name)) {
                return figure;
            }
        }
        return null;
    }

    /** "accuracy, fcd, precision, recall": the names, for a problem's words. */
    public static String names() {
        return Arrays.stream(values()).map(QualityFigure::jsonName).collect(Collectors.joining(", "));
    }
}

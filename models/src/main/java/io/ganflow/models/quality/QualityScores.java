package io.ganflow.models.quality;

import io.ganflow.models.classifier.LoadedClassifier;
import java.util.Arrays;
import java.util.Optional;

/**
 * How good a set of images is, by a reference classifier's judgement.
 *
 * @param count images measured
 * @param fcd Fréchet distance between their features and the real held-out images' (lower is better, 0 is equal)
 * @param classEntropyBits entropy of the mean predicted class distribution, in bits: log2(classes) when every class is
 *     as likely, 0 when all images look like one class (mode collapse)
 * @param accuracy for images generated for a requested class: how often the classifier sees that class
 */
public record QualityScores(int count, double fcd, double classEntropyBits, Optional<ClassAccuracy> accuracy) {

    /**
     * How often the classifier agrees with the requested class: overall, per requested class, and where the others
     * went ({@code confusion[requested][predicted]} counts images).
     */
    public record ClassAccuracy(double overall, double[] perClass, int[][] confusion) {}

    /**
     * Scores {@code images} as the classifier saw them against the real held-out images' feature statistics;
     * {@code requested} holds the class each image was made for, or is null for unconditional images.
     */
    public static QualityScores measure(
            LoadedClassifier.Classified images, int[] requested, FeatureStatistics real, int classes) {
        double fcd = FrechetDistance.between(FeatureStatistics.of(images.features()), real);
        Optional<ClassAccuracy> accuracy =
                requested == null ? Optional.empty() : Optional.of(accuracy(images, requested, classes));
        return new QualityScores(images.count(), fcd, classEntropyBits(images, classes), accuracy);
    }

    public static double classEntropyBits(LoadedClassifier.Classified images, int classes) {
        double[] mean = new double[classes];
        for (double[] p : images.probabilities()) {
            for (int c = 0; c < classes; c++) {
                mean[c] += p[c] / images.count();
            }
        }
        double bits = 0;
        for (double p : mean) {
            if (p > 0) {
                bits -= p * Math.log(p) / Math.log(2);
            }
        }
        return bits;
    }

    public static ClassAccuracy accuracy(LoadedClassifier.Classified images, int[] requested, int classes) {
        if (requested.length != images.count()) {
            throw new IllegalArgumentException(
                    requested.length + " requested classes for " + images.count() + " images");
        }
        int[][] confusion = new int[classes][classes];
        for (int i = 0; i < requested.length; i++) {
            confusion[requested[i]][images.predicted(i)]++;
        }
        int total = 0;
        double[] perClass = new double[classes];
        for (int c = 0; c < classes; c++) {
            int asked = Arrays.stream(confusion[c]).sum();
            total += confusion[c][c];
            perClass[c] = asked == 0 ? Double.NaN : (double) confusion[c][c] / asked;
        }
        return new ClassAccuracy((double) total / requested.length, perClass, confusion);
    }
}

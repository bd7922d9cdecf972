package io.ganflow.models.quality;

import io.ganflow.models.classifier.ClassifierFit;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.classifier.LoadedClassifier;

/**
 * Classification Accuracy Score (Ravuri and Vinyals, 2019): how well a classifier trained only on synthetic images
 * classifies real held-out images, beside the same classifier trained the same way on as many real images. A
 * synthetic set as useful as real data scores as high as the real one; labels its images do not show score ~1/classes.
 *
 * @param synthetic accuracy on the held-out images of the classifier trained on the synthetic images
 * @param real the same for the classifier trained on the real images
 * @param epochs how many epochs each was trained
 */
public record AccuracyScore(
        QualityScores.ClassAccuracy synthetic, QualityScores.ClassAccuracy real, int images, int epochs) {

    /** Images of one kind: {@code labels.length} images of the classifier's shape in {@code pixels} (uint8). */
    public record Images(byte[] pixels, int[] labels) {
        public int count() {
            return labels.length;
        }
    }

    /**
     * Trains one classifier on {@code synthetic} and one on {@code real} (the same count, the same recipe and seed,
     * at least {@code minimumSteps} steps and {@code minimumEpochs} epochs each) and tests both on {@code heldOut}.
     */
    public static AccuracyScore measure(
            ClassifierShape shape,
            Images synthetic,
            Images real,
            Images heldOut,
            int minimumEpochs,
            int minimumSteps,
            long seed) {
        if (synthetic.count() != real.count()) {
            throw new IllegalArgumentException("a score compares as many real images as synthetic ones, not "
                    + real.count() + " with " + synthetic.count());
        }
        int epochs = ClassifierFit.epochsForSteps(synthetic.count(), minimumSteps, minimumEpochs);
        return new AccuracyScore(
                heldOutAccuracy(shape, synthetic, heldOut, epochs, seed),
                heldOutAccuracy(shape, real, heldOut, epochs, seed),
                synthetic.count(),
                epochs);
    }

    private static QualityScores.ClassAccuracy heldOutAccuracy(
            ClassifierShape shape, Images training, Images heldOut, int epochs, long seed) {
        try (LoadedClassifier classifier =
                ClassifierFit.fit(shape, training.pixels(), training.labels(), epochs, seed)) {
            LoadedClassifier.Classified seen = classifier.classify(heldOut.pixels(), heldOut.count());
            return QualityScores.accuracy(seen, heldOut.labels(), shape.classes());
        }
    }
}

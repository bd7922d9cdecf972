package io.ganflow.models.quality;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.models.classifier.LoadedClassifier;
import org.junit.jupiter.api.Test;

class QualityScoresTest {

    private static final int CLASSES = 3;

    /** One image per predicted class given, as the classifier's probabilities. */
    private static LoadedClassifier.Classified seenAs(int... predicted) {
        double[][] probabilities = new double[predicted.length][CLASSES];
        for (int i = 0; i < predicted.length; i++) {
            java.util.Arrays.fill(probabilities[i], 0.1);
            probabilities[i][predicted[i]] = 0.8;
        }
        return new LoadedClassifier.Classified(new double[predicted.length][1], probabilities);
    }

    @Test
    void theConfusionSaysWhereTheImagesOfEachRequestedClassWent() {
        int[] requested = {0, 0, 0, 0, 1, 1, 2, 2};
        LoadedClassifier.Classified seen = seenAs(0, 0, 0, 2, 1, 2, 2, 2);

        QualityScores.ClassAccuracy accuracy = QualityScores.accuracy(seen, requested, CLASSES);

        assertArrayEquals(new int[] {3, 0, 1}, accuracy.confusion()[0]);
        assertArrayEquals(new int[] {0, 1, 1}, accuracy.confusion()[1]);
        assertArrayEquals(new int[] {0, 0, 2}, accuracy.confusion()[2]);
        assertArrayEquals(new double[] {0.75, 0.5, 1.0}, accuracy.perClass(), 1e-12);
        assertEquals(6 / 8.0, accuracy.overall(), 1e-12);
    }

    @Test
    void aClassNobodyAskedForHasNoAccuracyButAnEmptyRow() {
        QualityScores.ClassAccuracy accuracy = QualityScores.accuracy(seenAs(0, 2), new int[] {0, 0}, CLASSES);

        assertEquals(0.5, accuracy.overall(), 1e-12);
        assertEquals(Double.NaN, accuracy.perClass()[1]);
        assertArrayEquals(new int[] {0, 0, 0}, accuracy.confusion()[1]);
    }
}

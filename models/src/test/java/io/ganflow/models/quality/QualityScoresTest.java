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

    @Test
    void aClassifierOfMoreOutputsThanTheDataSetHasClassesIsJudgedAmongItsClasses() {
        // a 10-output classifier trained on 3 classes: image 1 leans to output 7, which no image of the set can be
        double[][] probabilities = new double[2][10];
        probabilities[0][0] = 0.6;
        probabilities[0][1] = 0.2;
        probabilities[0][9] = 0.2;
        probabilities[1][2] = 0.3;
        probabilities[1][7] = 0.7;
        LoadedClassifier.Classified seen =
                new LoadedClassifier.Classified(new double[2][1], probabilities).among(CLASSES);

        assertArrayEquals(new double[] {0.75, 0.25, 0}, seen.probabilities()[0], 1e-12);
        assertArrayEquals(new double[] {0, 0, 1}, seen.probabilities()[1], 1e-12);
        QualityScores.ClassAccuracy accuracy = QualityScores.accuracy(seen, new int[] {0, 2}, CLASSES);
        assertEquals(1.0, accuracy.overall(), 1e-12);
        assertEquals(CLASSES, accuracy.confusion()[2].length);
        assertEquals(
                QualityScores.classEntropyBits(seen, CLASSES),
                -(0.375 * log2(0.375) + 0.125 * log2(0.125) + 0.5 * log2(0.5)),
                1e-12);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}

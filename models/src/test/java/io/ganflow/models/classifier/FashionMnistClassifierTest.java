package io.ganflow.models.classifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.dataset.idx.FashionMnist;
import io.ganflow.dataset.idx.LabelledImages;
import io.ganflow.models.quality.FeatureStatistics;
import io.ganflow.models.quality.FrechetDistance;
import io.ganflow.models.quality.ManifoldPrecisionRecall;
import io.ganflow.models.quality.QualityScores;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The reference classifier trained on the real Fashion-MNIST training split, judged on its real test split, and the
 * quality scores judged on images whose quality is known: the real test images themselves, the same images under
 * labels they were not made for, and one image repeated.
 *
 * <p>Minutes of training: tagged slow, so it runs in {@code ./gan test} but not in its fast tier.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Tag("slow")
class FashionMnistClassifierTest {

    private static final ClassifierShape SHAPE = new ClassifierShape(1, 28, 10);
    private static final int EPOCHS = 3;

    private LabelledImages test;
    private LoadedClassifier classifier;
    private LoadedClassifier.Classified real;
    private FeatureStatistics realStatistics;

    @BeforeAll
    void trainOnTheRealTrainingSplit() {
        Path directory =
                Path.of(System.getenv().getOrDefault("GAN_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist"));
        LabelledImages training = FashionMnist.readTraining(directory);
        test = FashionMnist.readTest(directory);
        long started = System.nanoTime();
        classifier = ClassifierFit.fit(SHAPE, training.pixels(), training.labels(), EPOCHS, 11L);
        System.out.printf("classifier: %d epochs trained in %.1f s%n", EPOCHS, (System.nanoTime() - started) / 1e9);
        real = classifier.classify(test.pixels(), test.count());
        realStatistics = FeatureStatistics.of(real.features());
    }

    @Test
    void classifiesAtLeastNinetyPercentOfTheRealTestSplitRightly() {
        int right = 0;
        for (int i = 0; i < test.count(); i++) {
            right += real.predicted(i) == test.labels()[i] ? 1 : 0;
        }
        double accuracy = (double) right / test.count();
        System.out.printf("classifier: %.2f%% of %d real test images%n", 100 * accuracy, test.count());
        assertTrue(accuracy >= 0.90, "test accuracy " + accuracy);
        QualityScores scores = QualityScores.measure(real, test.labels(), realStatistics, 10);
        assertEquals(accuracy, scores.accuracy().orElseThrow().overall(), 1e-12, "the scores count as the test does");
    }

    @Test
    void theRealTestImagesScoreAsRealImagesShould() {
        QualityScores scores = QualityScores.measure(real, test.labels(), realStatistics, 10);
        assertEquals(0, scores.fcd(), 1e-6, "a set against itself");
        assertEquals(Math.log(10) / Math.log(2), scores.classEntropyBits(), 0.05, "1,000 images of each class");

        LoadedClassifier.Classified firstHalf = classifier.classify(Arrays.copyOf(test.pixels(), 5_000 * 784), 5_000);
        LoadedClassifier.Classified secondHalf =
                classifier.classify(Arrays.copyOfRange(test.pixels(), 5_000 * 784, 10_000 * 784), 5_000);
        double halves = FrechetDistance.between(
                FeatureStatistics.of(firstHalf.features()), FeatureStatistics.of(secondHalf.features()));
        System.out.printf(
                "classifier: FCD between the halves of the real test split %.3f (trace of the features' covariance"
                        + " %.1f)%n",
                halves, trace(realStatistics));
        assertTrue(halves < 0.05 * trace(realStatistics), "halves " + halves + " vs trace " + trace(realStatistics));
    }

    @Test
    void imagesThatIgnoreTheRequestedClassScoreAboutOneInTen() {
        int[] ignored = new Random(3).ints(test.count(), 0, 10).toArray();
        QualityScores scores = QualityScores.measure(real, ignored, realStatistics, 10);
        double accuracy = scores.accuracy().orElseThrow().overall();
        assertTrue(accuracy > 0.08 && accuracy < 0.12, "accuracy " + accuracy);
    }

    @Test
    void oneImageRepeatedHasNearZeroEntropyAndALargeDistance() {
        int count = 1_000;
        byte[] repeated = new byte[count * 784];
        for (int i = 0; i < count; i++) {
            System.arraycopy(test.pixels(), 0, repeated, i * 784, 784);
        }
        LoadedClassifier.Classified collapsed = classifier.classify(repeated, count);
        QualityScores scores = QualityScores.measure(collapsed, null, realStatistics, 10);
        QualityScores healthy = QualityScores.measure(
                classifier.classify(Arrays.copyOf(test.pixels(), count * 784), count), null, realStatistics, 10);
        System.out.printf(
                "classifier: collapsed entropy %.3f bits FCD %.2f; 1,000 real images %.3f bits FCD %.2f%n",
                scores.classEntropyBits(), scores.fcd(), healthy.classEntropyBits(), healthy.fcd());
        assertTrue(scores.classEntropyBits() < 0.3, "entropy " + scores.classEntropyBits());
        assertTrue(scores.fcd() > 10 * healthy.fcd(), scores.fcd() + " vs " + healthy.fcd());
        assertTrue(scores.accuracy().isEmpty(), "no requested classes, no accuracy");
    }

    @Test
    void precisionAndRecallSeparateRealVarietyFromOneImageRepeated() {
        double[][] sample = Arrays.copyOfRange(real.features(), 5_000, 6_000);
        ManifoldPrecisionRecall halves =
                ManifoldPrecisionRecall.of(sample, Arrays.copyOfRange(real.features(), 0, 1_000), 3);
        double[][] collapsed = new double[1_000][];
        Arrays.fill(collapsed, real.features()[0]);
        ManifoldPrecisionRecall repeated = ManifoldPrecisionRecall.of(sample, collapsed, 3);
        System.out.printf(
                "classifier: precision/recall of 1,000 real test images against 1,000 others %.3f/%.3f; one image"
                        + " repeated %.3f/%.3f%n",
                halves.precision(), halves.recall(), repeated.precision(), repeated.recall());
        assertTrue(halves.precision() > 0.6 && halves.recall() > 0.6, halves.toString());
        assertTrue(repeated.recall() < 0.01, "a collapsed generator covers nothing: " + repeated);
    }

    private static double trace(FeatureStatistics statistics) {
        double trace = 0;
        for (int i = 0; i < statistics.dimensions(); i++) {
            trace += statistics.covariance()[i][i];
        }
        return trace;
    }
}

package io.ganflow.evaluator.evaluation;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.TrainingState;
import io.ganflow.models.classifier.LoadedClassifier;
import io.ganflow.models.quality.FeatureStatistics;
import io.ganflow.models.quality.FrechetDistance;
import io.ganflow.models.quality.ManifoldPrecisionRecall;
import io.ganflow.models.quality.QualityScores;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.CheckpointStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/** Measures one checkpoint: a GAN's fixed set of generated images, or a classifier on the real held-out split. */
@ApplicationScoped
public class CheckpointEvaluator {

    private static final int CLASSES = Catalog.CONDITIONAL_CLASSES;

    private final CheckpointStore checkpoints;
    private final EvaluationConfig config;

    public CheckpointEvaluator(CheckpointStore checkpoints, EvaluationConfig config) {
        this.checkpoints = checkpoints;
        this.config = config;
    }

    /** The requested classes of the fixed images: {@code imagesPerClass} of each class, class by class. */
    int[] requestedClasses() {
        int[] labels = new int[CLASSES * config.imagesPerClass()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i / config.imagesPerClass();
        }
        return labels;
    }

    public CheckpointQuality gan(CheckpointManifest manifest, TrainingState state, ReferenceClassifiers.Judge judge) {
        boolean conditional = Catalog.model(state.spec().model()).orElseThrow().conditional();
        int[] requested = requestedClasses();
        byte[] pixels;
        try (LoadedGenerator generator = LoadedGenerator.load(
                state.spec(), manifest.step(), checkpoints.readPart(manifest, CheckpointParts.GENERATOR))) {
            pixels = generator.generate(Arrays.stream(requested).asLongStream().toArray(), config.seed());
        }
        LoadedClassifier.Classified seen = judge.classifier().classify(pixels, requested.length);
        QualityScores scores = QualityScores.measure(seen, conditional ? requested : null, judge.real(), CLASSES);
        ManifoldPrecisionRecall manifolds = ManifoldPrecisionRecall.of(
                sameCount(judge.realFeatures(), seen.count()), seen.features(), ManifoldPrecisionRecall.K);
        return new CheckpointQuality(
                CheckpointQuality.VERSION,
                state.spec().runId(),
                manifest.step(),
                state.epoch(),
                state.spec().dataset(),
                judge.choice().runId(),
                judge.choice().step(),
                requested.length,
                judge.heldOutImages(),
                scores.fcd(),
                scores.classEntropyBits(),
                scores.accuracy().map(QualityScores.ClassAccuracy::overall).orElse(null),
                scores.accuracy().map(a -> boxed(a.perClass())).orElse(List.of()),
                System.currentTimeMillis(),
                scores.accuracy().map(a -> boxed(a.confusion())).orElse(List.of()),
                manifolds.precision(),
                manifolds.recall());
    }

    /** {@code count} of the real features, evenly spread over the held-out split (as many as were generated). */
    static double[][] sameCount(double[][] real, int count) {
        if (count >= real.length) {
            return real;
        }
        double[][] sample = new double[count][];
        for (int i = 0; i < count; i++) {
            sample[i] = real[(int) ((long) i * real.length / count)];
        }
        return sample;
    }

    /** A classifier's figures, and the FCD between the two halves of the held-out split in its features. */
    public record ClassifierMeasure(CheckpointQuality quality, double realFcdFloor) {}

    public ClassifierMeasure classifier(CheckpointManifest manifest, TrainingState state, ImageBatch heldOut) {
        Catalog.Model family = Catalog.model(state.spec().model()).orElseThrow();
        try (LoadedClassifier classifier = LoadedClassifier.load(
                RunTrainings.shape(family), checkpoints.readPart(manifest, CheckpointParts.CLASSIFIER))) {
            LoadedClassifier.Classified seen = classifier.classify(heldOut.pixels(), heldOut.size());
            QualityScores.ClassAccuracy accuracy = QualityScores.accuracy(seen, heldOut.labels(), CLASSES);
            int half = seen.count() / 2;
            double floor = FrechetDistance.between(
                    FeatureStatistics.of(Arrays.copyOfRange(seen.features(), 0, half)),
                    FeatureStatistics.of(Arrays.copyOfRange(seen.features(), half, 2 * half)));
            CheckpointQuality quality = new CheckpointQuality(
                    CheckpointQuality.VERSION,
                    state.spec().runId(),
                    manifest.step(),
                    state.epoch(),
                    state.spec().dataset(),
                    state.spec().runId(),
                    manifest.step(),
                    heldOut.size(),
                    heldOut.size(),
                    null,
                    QualityScores.classEntropyBits(seen, CLASSES),
                    accuracy.overall(),
                    boxed(accuracy.perClass()),
                    System.currentTimeMillis(),
                    boxed(accuracy.confusion()));
            return new ClassifierMeasure(quality, floor);
        }
    }

    private static List<Double> boxed(double[] values) {
        return Arrays.stream(values).boxed().toList();
    }

    private static List<List<Integer>> boxed(int[][] counts) {
        return Arrays.stream(counts)
                .map(row -> Arrays.stream(row).boxed().toList())
                .toList();
    }
}

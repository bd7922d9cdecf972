package io.ganflow.evaluator.evaluation;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.TrainingState;
import io.ganflow.models.classifier.LoadedClassifier;
import io.ganflow.models.quality.FeatureStatistics;
import io.ganflow.models.quality.FrechetDistance;
import io.ganflow.models.quality.ManifoldPrecisionRecall;
import io.ganflow.models.quality.QualityScores;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;

/** Measures one checkpoint: a GAN's fixed set of generated images, or a classifier on the real held-out split. */
@ApplicationScoped
public class CheckpointEvaluator {

    /** A conditional GAN's classes; an unconditional GAN makes as many fixed images as a conditional one. */
    private static final int GENERATED_CLASSES = Catalog.CONDITIONAL_CLASSES;

    private final CheckpointStore checkpoints;
    private final DatasetStore datasets;
    private final EvaluationConfig config;

    public CheckpointEvaluator(CheckpointStore checkpoints, DatasetStore datasets, EvaluationConfig config) {
        this.checkpoints = checkpoints;
        this.datasets = datasets;
        this.config = config;
    }

    /** The requested classes of the fixed images: {@code imagesPerClass} of each class, class by class. */
    int[] requestedClasses() {
        int[] labels = new int[GENERATED_CLASSES * config.imagesPerClass()];
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
        int classes = classesOf(state.spec().dataset());
        if (conditional && classes != GENERATED_CLASSES) {
            throw new MalformedEventException("conditional run on data set "
                    + state.spec().dataset() + " of " + classes + " classes; its model makes " + GENERATED_CLASSES);
        }
        LoadedClassifier.Classified seen =
                judge.classifier().classify(pixels, requested.length).among(classes);
        QualityScores scores = QualityScores.measure(seen, conditional ? requested : null, judge.real(), classes);
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
            int classes = classesOf(state.spec().dataset());
            LoadedClassifier.Classified seen =
                    classifier.classify(heldOut.pixels(), heldOut.size()).among(classes);
            QualityScores.ClassAccuracy accuracy = QualityScores.accuracy(seen, heldOut.labels(), classes);
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
                    QualityScores.classEntropyBits(seen, classes),
                    accuracy.overall(),
                    boxed(accuracy.perClass()),
                    System.currentTimeMillis(),
                    boxed(accuracy.confusion()));
            return new ClassifierMeasure(quality, floor);
        }
    }

    /**
     * How many classes {@code dataset} has: its figures are per class of the data set, whose labels are the first of
     * the classifier's outputs.
     */
    private int classesOf(String dataset) {
        return datasets.find(dataset)
                .map(Catalog.Dataset::classes)
                .filter(classes -> classes >= 2 && classes <= Catalog.CLASSIFIER_CLASSES)
                .orElseThrow(() -> new MalformedEventException(
                        "data set " + dataset + " is gone, or has no classes a reference classifier tells apart"));
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

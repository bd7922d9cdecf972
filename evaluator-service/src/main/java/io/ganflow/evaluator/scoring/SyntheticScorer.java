package io.ganflow.evaluator.scoring;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.evaluator.evaluation.HeldOutSplits;
import io.ganflow.events.Catalog;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.RunSpec;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.models.classifier.ClassifierShape;
import io.ganflow.models.quality.AccuracyScore;
import io.ganflow.models.quality.QualityScores;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Scores one finished synthetic data set: fetches its ZIP by the result's claim check (checking size and SHA-256),
 * reads its images and labels, asks the dataset-service for as many real training images of each class, and trains
 * the reference classifier's family on each ({@link AccuracyScore}), testing both on the real held-out split.
 * Throws {@link ScoreFailure} when the set cannot be scored at all; outages of the store or the dataset-service
 * propagate, to be waited out.
 */
@ApplicationScoped
public class SyntheticScorer {

    private final ObjectStore store;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final HeldOutSplits splits;
    private final TrainingSamples samples;
    private final EvaluationConfig config;

    public SyntheticScorer(
            ObjectStore store,
            RunSpecStore specs,
            DatasetStore datasets,
            HeldOutSplits splits,
            TrainingSamples samples,
            EvaluationConfig config) {
        this.store = store;
        this.specs = specs;
        this.datasets = datasets;
        this.splits = splits;
        this.samples = samples;
        this.config = config;
    }

    /** The data set the run's images imitate: the real images a score is measured against. */
    String datasetOf(SyntheticDatasetResult result) {
        if (!store.bucket().equals(result.bucket())) {
            throw new ScoreFailure(
                    "the data set is in bucket " + result.bucket() + ", this evaluator reads " + store.bucket());
        }
        return specs.load(result.runId())
                .map(RunSpec::dataset)
                .orElseThrow(() -> new ScoreFailure("run " + result.runId() + " is not known"));
    }

    SyntheticDatasetScore score(SyntheticDatasetResult result, String dataset) {
        ClassifierShape shape = datasets.find(dataset)
                .flatMap(Catalog::classifierFor)
                .map(RunTrainings::shape)
                .orElseThrow(() -> new ScoreFailure("data set " + dataset + " has no reference classifier family"));
        ImageBatch heldOut = splits.of(dataset)
                .orElseThrow(() -> new ScoreFailure("data set " + dataset + " has no held-out split to test on"));
        AccuracyScore.Images synthetic = download(result, shape);
        int[] counts = new int[shape.classes()];
        for (int label : synthetic.labels()) {
            counts[label]++;
        }
        ImageBatch real = samples.of(dataset, counts, config.seed());
        AccuracyScore score = AccuracyScore.measure(
                shape,
                synthetic,
                new AccuracyScore.Images(real.pixels(), real.labels()),
                new AccuracyScore.Images(heldOut.pixels(), heldOut.labels()),
                config.scoreMinimumEpochs(),
                config.scoreMinimumSteps(),
                config.seed());
        return new SyntheticDatasetScore(
                SyntheticDatasetScore.VERSION,
                result.requestId(),
                SyntheticDatasetScore.State.DONE,
                result.runId(),
                result.step(),
                dataset,
                score.images(),
                score.epochs(),
                heldOut.size(),
                score.synthetic().overall(),
                boxed(score.synthetic()),
                score.real().overall(),
                boxed(score.real()),
                String.format(
                        "trained on the synthetic images: %.2f%% on %d real held-out images; on as many real images: "
                                + "%.2f%%",
                        100 * score.synthetic().overall(),
                        heldOut.size(),
                        100 * score.real().overall()),
                System.currentTimeMillis());
    }

    private AccuracyScore.Images download(SyntheticDatasetResult result, ClassifierShape shape) {
        Path file = null;
        try {
            file = Files.createTempFile("score-" + result.requestId(), ".zip");
            if (!store.getToFile(result.objectKey(), file)) {
                throw new ScoreFailure("the data set was deleted before it was scored");
            }
            String sha256 = sha256(file);
            if (Files.size(file) != result.bytes() || !sha256.equals(result.sha256())) {
                throw new ScoreFailure("the stored data set is not the one its job made (" + Files.size(file)
                        + " bytes, SHA-256 " + sha256 + ")");
            }
            return SyntheticArchive.read(
                    file,
                    result.format(),
                    Math.toIntExact(result.total()),
                    shape.channels(),
                    shape.side(),
                    shape.classes());
        } catch (SyntheticArchive.UnreadableException e) {
            throw new ScoreFailure(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(file);
        }
    }

    private static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static List<Double> boxed(QualityScores.ClassAccuracy accuracy) {
        return Arrays.stream(accuracy.perClass()).boxed().toList();
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a temporary file; the OS cleans its folder
            }
        }
    }
}

package io.ganflow.evaluator.evaluation;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.Ids;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.UploadedDataset;
import io.ganflow.models.classifier.LoadedClassifier;
import io.ganflow.models.quality.FeatureStatistics;
import io.ganflow.models.training.RunTrainings;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.jboss.logging.Logger;

/**
 * Each data set's reference classifier: the one chosen (the first classifier run on it to complete), loaded with the
 * real held-out images' features, ready to judge; and, when a data set has none yet, a classifier run started for it
 * through the same pipeline as any run (its spec in the store, a start command on Kafka).
 */
@ApplicationScoped
public class ReferenceClassifiers {

    private static final Logger LOG = Logger.getLogger(ReferenceClassifiers.class);

    private final QualityStore quality;
    private final CheckpointStore checkpoints;
    private final RunSpecStore specs;
    private final DatasetStore datasets;
    private final HeldOutSplits splits;
    private final EvaluationConfig config;
    private final Emitter<Record<String, RunCommand>> commands;
    private final Map<String, Judge> judges = new ConcurrentHashMap<>();

    /** A chosen classifier, loaded, with its features of the real held-out images and their statistics. */
    public record Judge(
            ReferenceClassifierChoice choice,
            LoadedClassifier classifier,
            FeatureStatistics real,
            double[][] realFeatures) {

        public int heldOutImages() {
            return realFeatures.length;
        }
    }

    public ReferenceClassifiers(
            QualityStore quality,
            CheckpointStore checkpoints,
            RunSpecStore specs,
            DatasetStore datasets,
            HeldOutSplits splits,
            EvaluationConfig config,
            @Channel(RunCommand.TOPIC) Emitter<Record<String, RunCommand>> commands) {
        this.quality = quality;
        this.checkpoints = checkpoints;
        this.specs = specs;
        this.datasets = datasets;
        this.splits = splits;
        this.config = config;
        this.commands = commands;
    }

    /**
     * The run id of the reference classifier the evaluator starts for a data set: {@code classifier-<data set>}, or
     * for a name too long for that, its first 40 characters and a hash of the whole.
     */
    public static String classifierRunId(String dataset) {
        String runId = "classifier-" + dataset;
        return Ids.isValid(runId)
                ? runId
                : "classifier-" + dataset.substring(0, 40) + "-" + Integer.toHexString(dataset.hashCode());
    }

    /** The judge of {@code dataset}'s images, or empty while it has no chosen classifier or no held-out split. */
    public Optional<Judge> judgeFor(String dataset) {
        Optional<ReferenceClassifierChoice> choice = quality.classifierOf(dataset);
        if (choice.isEmpty()) {
            return Optional.empty();
        }
        Judge known = judges.get(dataset);
        if (known != null && known.choice().equals(choice.get())) {
            return Optional.of(known);
        }
        Optional<ImageBatch> heldOut = splits.of(dataset);
        if (heldOut.isEmpty()) {
            return Optional.empty();
        }
        CheckpointManifest manifest = checkpoints.readManifest(choice.get().manifestKey());
        Catalog.Model family = Catalog.model(checkpoints.state(manifest).spec().model())
                .orElseThrow(() -> new MalformedEventException("the chosen classifier's model is unknown"));
        LoadedClassifier classifier = LoadedClassifier.load(
                RunTrainings.shape(family), checkpoints.readPart(manifest, CheckpointParts.CLASSIFIER));
        ImageBatch split = heldOut.get();
        double[][] realFeatures =
                classifier.classify(split.pixels(), split.size()).features();
        Judge judge = new Judge(choice.get(), classifier, FeatureStatistics.of(realFeatures), realFeatures);
        Judge replaced = judges.put(dataset, judge);
        if (replaced != null) {
            replaced.classifier().close();
        }
        LOG.infof(
                "dataset=%s judged by %s at step %d (%.2f%% on %d held-out images)",
                dataset,
                judge.choice().runId(),
                judge.choice().step(),
                100 * judge.choice().heldOutAccuracy(),
                split.size());
        return Optional.of(judge);
    }

    /**
     * Makes {@code choice} the data set's classifier unless another is chosen already; true when {@code choice}'s run
     * is the chosen one (now or before), so that a measurement interrupted after the choice is finished on replay.
     */
    public boolean chooseIfNone(ReferenceClassifierChoice choice) {
        Optional<ReferenceClassifierChoice> chosen = quality.classifierOf(choice.dataset());
        if (chosen.isPresent()) {
            return chosen.get().runId().equals(choice.runId());
        }
        quality.choose(choice);
        LOG.infof(
                "dataset=%s reference classifier chosen: %s step %d, %.2f%% on the held-out split, real-vs-real FCD "
                        + "(two halves of %d) %.3f",
                choice.dataset(),
                choice.runId(),
                choice.step(),
                100 * choice.heldOutAccuracy(),
                choice.heldOutImages(),
                choice.realFcdFloor());
        return true;
    }

    /**
     * Starts a reference classifier run for {@code dataset} unless one was started already (its spec is in the store)
     * or the data set cannot have one (no classifier family of its shape, or no held-out split to test it on).
     */
    public void startOneFor(String dataset) {
        Optional<Catalog.Dataset> known = datasets.find(dataset);
        Optional<Catalog.Model> family = known.flatMap(Catalog::classifierFor);
        if (family.isEmpty()) {
            LOG.infof(
                    "dataset=%s has no reference classifier family (one needs 2 to %d labelled classes of 28x28x1 or "
                            + "32x32x3 images): its GANs go unmeasured",
                    dataset, Catalog.CLASSIFIER_CLASSES);
            return;
        }
        if (splits.of(dataset).isEmpty()) {
            LOG.infof(
                    "dataset=%s has no held-out split to test a classifier on (uploaded before held-out splits, or a "
                            + "class of fewer than %d images): its GANs go unmeasured",
                    dataset, UploadedDataset.HELD_OUT_EVERY);
            return;
        }
        String runId = classifierRunId(dataset);
        if (specs.load(runId).isPresent()) {
            specs.failure(runId)
                    .ifPresent(reason -> LOG.warnf(
                            "dataset=%s: its reference classifier run %s failed (%s); its GANs go unmeasured until an "
                                    + "operator starts a classifier run on it",
                            dataset, runId, reason));
            return;
        }
        RunSpec spec = new RunSpec(
                runId,
                family.get().name(),
                dataset,
                config.classifierEpochs(),
                batchSize(known.get().images()),
                1e-3,
                0.9,
                0.999,
                family.get().defaultLatentSize(),
                200,
                50,
                11L,
                config.classifierDatasetLimit());
        specs.save(spec);
        commands.send(Record.of(runId, RunCommand.start(spec)));
        LOG.infof(
                "dataset=%s has no reference classifier: started run %s (%d epochs at batch %d)",
                dataset, runId, spec.epochs(), spec.batchSize());
    }

    /**
     * 128, as the reference classifier was measured with; a small upload gets at least 10 steps an epoch instead of
     * none (an incomplete last batch is dropped).
     */
    static int batchSize(int trainingImages) {
        return Math.max(1, Math.min(128, trainingImages / 10));
    }
}

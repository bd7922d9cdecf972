package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.ReferenceClassifierChoice;
import io.ganflow.events.TrainingState;
import io.ganflow.models.layers.Torch;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.QualityStore;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.reactive.messaging.kafka.Record;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Measures every checkpoint announced on {@code checkpoints} (the evaluators share one consumer group, so each is
 * measured once), keeps the figures beside the run and publishes them on {@code checkpoint-quality}. A GAN whose
 * data set has no reference classifier yet gets one started; its checkpoints meanwhile are measured once the
 * classifier completes ({@link QualityBacklog}). A checkpoint that cannot be read is skipped with a log line; the
 * store or the dataset-service being away is waited out.
 */
@ApplicationScoped
public class QualityListener {

    private static final Logger LOG = Logger.getLogger(QualityListener.class);

    private final CheckpointStore checkpoints;
    private final QualityStore quality;
    private final ReferenceClassifiers classifiers;
    private final HeldOutSplits splits;
    private final CheckpointEvaluator evaluator;
    private final QualityBacklog backlog;
    private final Emitter<Record<String, CheckpointQuality>> published;

    public QualityListener(
            CheckpointStore checkpoints,
            QualityStore quality,
            ReferenceClassifiers classifiers,
            HeldOutSplits splits,
            CheckpointEvaluator evaluator,
            QualityBacklog backlog,
            @Channel(CheckpointQuality.TOPIC) Emitter<Record<String, CheckpointQuality>> published) {
        this.checkpoints = checkpoints;
        this.quality = quality;
        this.classifiers = classifiers;
        this.splits = splits;
        this.evaluator = evaluator;
        this.backlog = backlog;
        this.published = published;
    }

    @Incoming(CheckpointEvent.TOPIC)
    @Blocking
    public void onCheckpoint(CheckpointEvent event) {
        Torch.disableGradientsOnThisThread();
        try {
            // one measurement at a time with the start-up catch-up (QualityCatchUp): they share the judge
            UntilAvailable.run(
                    "run=" + event.runId() + " checkpoint at step " + event.step(),
                    () -> backlog.exclusively(() -> measure(event)));
        } catch (MalformedEventException e) {
            LOG.warnf("run=%s checkpoint at step %d not measured: %s", event.runId(), event.step(), e.getMessage());
        }
    }

    private void measure(CheckpointEvent event) {
        CheckpointManifest manifest;
        try {
            manifest = checkpoints.readManifest(event.manifestKey());
        } catch (MalformedEventException e) {
            throw new MalformedEventException(
                    "its manifest is gone or unreadable (deleted by retention?): " + e.getMessage());
        }
        TrainingState state = checkpoints.state(manifest);
        Catalog.Model family = Catalog.model(state.spec().model())
                .orElseThrow(() -> new MalformedEventException(
                        "unknown model " + state.spec().model()));
        String dataset = state.spec().dataset();
        if (family.isGan()) {
            if (quality.has(event.runId(), event.step())) {
                return; // measured already (a replay, or the backlog got there first)
            }
            Optional<ReferenceClassifiers.Judge> judge = classifiers.judgeFor(dataset);
            if (judge.isEmpty()) {
                classifiers.startOneFor(dataset);
                LOG.infof(
                        "run=%s checkpoint at step %d waits for %s's reference classifier",
                        event.runId(), event.step(), dataset);
                return;
            }
            long started = System.currentTimeMillis();
            record(evaluator.gan(manifest, state, judge.get()), started);
            return;
        }
        // a classifier's checkpoint is measured again when replayed: its choice may not have been made yet
        Optional<ImageBatch> heldOut = splits.of(dataset);
        if (heldOut.isEmpty()) {
            LOG.infof(
                    "run=%s is a classifier of %s, which has no held-out split to test it on", event.runId(), dataset);
            return;
        }
        long started = System.currentTimeMillis();
        CheckpointEvaluator.ClassifierMeasure measured = evaluator.classifier(manifest, state, heldOut.get());
        record(measured.quality(), started);
        if (state.completed()
                && classifiers.chooseIfNone(new ReferenceClassifierChoice(
                        ReferenceClassifierChoice.VERSION,
                        dataset,
                        state.spec().runId(),
                        manifest.step(),
                        event.manifestKey(),
                        measured.quality().accuracy(),
                        heldOut.get().size(),
                        measured.realFcdFloor()))) {
            backlog.measureWaiting(dataset, this::record);
        }
    }

    /** Keeps and publishes the figures; the log line says how long measuring took (since {@code startedMillis}). */
    void record(CheckpointQuality measured, long startedMillis) {
        quality.save(measured);
        published.send(Record.of(measured.runId(), measured));
        LOG.infof(
                "run=%s step %d: accuracy %s, FCD %s, class entropy %.3f bits (%d images, measured in %d ms)",
                measured.runId(),
                measured.step(),
                measured.accuracy() == null ? "-" : String.format("%.4f", measured.accuracy()),
                measured.fcd() == null ? "-" : String.format("%.3f", measured.fcd()),
                measured.classEntropyBits(),
                measured.images(),
                System.currentTimeMillis() - startedMillis);
    }
}

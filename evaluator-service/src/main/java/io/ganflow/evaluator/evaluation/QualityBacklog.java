package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.events.TrainingState;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * The checkpoints that waited for their data set's reference classifier: once it is chosen, every GAN run on that
 * data set has its stored checkpoints without figures measured, newest first, so that curves fill in back to the
 * start (as far as retention kept checkpoints).
 */
@ApplicationScoped
public class QualityBacklog {

    private static final Logger LOG = Logger.getLogger(QualityBacklog.class);

    private final CheckpointStore checkpoints;
    private final RunSpecStore specs;
    private final QualityStore quality;
    private final ReferenceClassifiers classifiers;
    private final CheckpointEvaluator evaluator;

    public QualityBacklog(
            CheckpointStore checkpoints,
            RunSpecStore specs,
            QualityStore quality,
            ReferenceClassifiers classifiers,
            CheckpointEvaluator evaluator) {
        this.checkpoints = checkpoints;
        this.specs = specs;
        this.quality = quality;
        this.classifiers = classifiers;
        this.evaluator = evaluator;
    }

    void measureWaiting(String dataset, Consumer<CheckpointQuality> record) {
        Optional<ReferenceClassifiers.Judge> judge = classifiers.judgeFor(dataset);
        if (judge.isEmpty()) {
            return;
        }
        int measured = 0;
        for (String runId : checkpoints.runIds()) {
            Optional<RunSpec> spec = specs.load(runId);
            if (spec.isEmpty()
                    || !dataset.equals(spec.get().dataset())
                    || !Catalog.model(spec.get().model())
                            .map(Catalog.Model::isGan)
                            .orElse(false)) {
                continue;
            }
            for (CheckpointManifest manifest : checkpoints.newestFirst(runId)) {
                if (quality.has(runId, manifest.step())) {
                    continue;
                }
                try {
                    TrainingState state =
                            Json.read(checkpoints.readPart(manifest, CheckpointParts.STATE), TrainingState.class);
                    record.accept(evaluator.gan(manifest, state, judge.get()));
                    measured++;
                } catch (MalformedEventException e) {
                    LOG.warnf("run=%s checkpoint at step %d not measured: %s", runId, manifest.step(), e.getMessage());
                }
            }
        }
        LOG.infof("dataset=%s: %d checkpoints that waited for the reference classifier measured", dataset, measured);
    }
}

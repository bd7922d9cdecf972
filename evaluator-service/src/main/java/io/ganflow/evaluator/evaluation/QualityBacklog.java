package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Catalog;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
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

    /** Keeps and publishes one checkpoint's figures, measured since {@code startedMillis}. */
    @FunctionalInterface
    interface Recorder {
        void record(CheckpointQuality measured, long startedMillis);
    }

    /**
     * Measures every stored checkpoint of the data set's GAN runs that has no figures yet. Idempotent: run again (a
     * replay after a crash or a store outage half way), it measures only what is still missing. A run whose spec or
     * checkpoint cannot be read is skipped with a log line; a store outage ends it with {@link ObjectStoreException}.
     * Runs {@link #exclusively}.
     */
    void measureWaiting(String dataset, Recorder recorder) {
        exclusively(() -> measureWaitingNow(dataset, recorder));
    }

    /**
     * Runs {@code measuring} while no other measurement runs: the listener and the start-up catch-up share the judge
     * (one loaded classifier). The lock is this bean's instance, reached through its methods: a caller cannot
     * synchronize on the injected reference, which is a proxy, not the instance.
     */
    synchronized void exclusively(Runnable measuring) {
        measuring.run();
    }

    private void measureWaitingNow(String dataset, Recorder recorder) {
        Optional<ReferenceClassifiers.Judge> judge = classifiers.judgeFor(dataset);
        if (judge.isEmpty()) {
            return;
        }
        int measured = 0;
        for (String runId : checkpoints.runIds()) {
            Optional<RunSpec> spec;
            try {
                spec = specs.load(runId);
            } catch (MalformedEventException e) {
                LOG.warnf("run=%s not measured: its spec cannot be read: %s", runId, e.getMessage());
                continue;
            }
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
                long started = System.currentTimeMillis();
                try {
                    recorder.record(evaluator.gan(manifest, checkpoints.state(manifest), judge.get()), started);
                    measured++;
                } catch (MalformedEventException e) {
                    LOG.warnf("run=%s checkpoint at step %d not measured: %s", runId, manifest.step(), e.getMessage());
                }
            }
        }
        LOG.infof("dataset=%s: %d checkpoints that waited for the reference classifier measured", dataset, measured);
    }
}

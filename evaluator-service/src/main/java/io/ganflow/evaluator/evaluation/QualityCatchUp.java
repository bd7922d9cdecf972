package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Catalog;
import io.ganflow.models.layers.Torch;
import io.ganflow.store.QualityStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * At start-up, measures the stored checkpoints that have no figures although their data set has a reference
 * classifier: those an evaluator was stopped (or crashed) on, and those announced while none ran and whose events
 * retention outlived. On a thread of its own, so that start-up does not wait; measuring itself is one at a time with
 * the listener ({@link QualityBacklog} is the lock).
 */
@ApplicationScoped
public class QualityCatchUp {

    private static final Logger LOG = Logger.getLogger(QualityCatchUp.class);

    private final QualityBacklog backlog;
    private final QualityStore quality;
    private final QualityListener listener;

    public QualityCatchUp(QualityBacklog backlog, QualityStore quality, QualityListener listener) {
        this.backlog = backlog;
        this.quality = quality;
        this.listener = listener;
    }

    void onStart(@Observes StartupEvent event) {
        Thread thread = new Thread(this::catchUpWhenTheStoreIsThere, "quality-catch-up");
        thread.setDaemon(true);
        thread.start();
    }

    private void catchUpWhenTheStoreIsThere() {
        Torch.disableGradientsOnThisThread();
        try {
            UntilAvailable.run("the start-up catch-up of unmeasured checkpoints", this::catchUp);
        } catch (RuntimeException e) {
            LOG.errorf(e, "the start-up catch-up of unmeasured checkpoints stopped: %s", e.getMessage());
        }
    }

    /** Every data set with a chosen reference classifier has its unmeasured stored checkpoints measured. */
    public void catchUp() {
        for (String dataset : Catalog.datasetNames()) {
            if (quality.classifierOf(dataset).isPresent()) {
                backlog.measureWaiting(dataset, listener::record);
            }
        }
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.store.CheckpointStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** At start-up, serves each run's latest valid checkpoint from the store, so that a new replica serves at once. */
@ApplicationScoped
public class StartupScan {

    private static final Logger LOG = Logger.getLogger(StartupScan.class);

    private final CheckpointStore checkpoints;
    private final CheckpointLoader loader;
    private final GeneratorRegistry registry;
    private volatile boolean done;

    public StartupScan(CheckpointStore checkpoints, CheckpointLoader loader, GeneratorRegistry registry) {
        this.checkpoints = checkpoints;
        this.loader = loader;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        new Thread(this::scan, "checkpoint-scan").start();
    }

    public boolean isDone() {
        return done;
    }

    private void scan() {
        try {
            for (String runId : checkpoints.runIds()) {
                for (CheckpointManifest manifest : checkpoints.newestFirst(runId)) {
                    try {
                        registry.offer(loader.load(manifest));
                        LOG.infof("run=%s serving step %d from the store", runId, manifest.step());
                        break;
                    } catch (RuntimeException e) {
                        LOG.warnf("run=%s skipping checkpoint at step %d: %s", runId, manifest.step(), e.getMessage());
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf(
                    "start-up scan of the object store failed; serving what checkpoint events bring: %s",
                    e.getMessage());
        } finally {
            done = true;
        }
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.store.CheckpointStore;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.CountDownLatch;
import org.jboss.logging.Logger;

/**
 * At start-up, serves each run's latest valid checkpoint from the store, so that a new replica serves at once.
 * Checkpoint events replayed from the topic wait for it ({@link #awaitFinished}): by then they are history the scan
 * has passed, skipped without loading, instead of one load per checkpoint the topic still holds.
 */
@ApplicationScoped
public class StartupScan {

    private static final Logger LOG = Logger.getLogger(StartupScan.class);

    private final CheckpointStore checkpoints;
    private final CheckpointLoader loader;
    private final GeneratorRegistry registry;
    private final CountDownLatch finished = new CountDownLatch(1);

    public StartupScan(CheckpointStore checkpoints, CheckpointLoader loader, GeneratorRegistry registry) {
        this.checkpoints = checkpoints;
        this.loader = loader;
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event) {
        new Thread(this::scan, "checkpoint-scan").start();
    }

    public boolean isDone() {
        return finished.getCount() == 0;
    }

    /** Blocks until the scan has finished, successfully or not. */
    public void awaitFinished() throws InterruptedException {
        finished.await();
    }

    void scan() {
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
            finished.countDown();
        }
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointManifest;
import io.ganflow.models.serving.LoadedGenerator;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ObjectStoreException;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * At start-up, serves each run's latest valid checkpoint from the store, so that a new replica serves at once.
 * Checkpoint events replayed from the topic meanwhile are skipped when the store holds a newer checkpoint of their
 * run ({@link #willServeNewer}), instead of one load per checkpoint the topic still holds; the listener never waits
 * for the scan, which would leave its record unacknowledged for as long as the scan takes.
 */
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

    /**
     * Whether a checkpoint of {@code runId} newer than {@code step} will serve without loading {@code step}: while
     * the scan runs, when the store holds one (the scan serves the latest valid one, or refuses it and tries older).
     */
    public boolean willServeNewer(String runId, long step) {
        if (done) {
            return false;
        }
        try {
            return checkpoints.latest(runId).map(latest -> latest.step() > step).orElse(false);
        } catch (ObjectStoreException e) {
            return false; // the event's own load will say what is wrong with the store
        }
    }

    /** Loads the runs most recently checkpointed first, as many as the memory budget holds. */
    void scan() {
        try {
            List<CheckpointManifest> newestRunsFirst = checkpoints.runIds().stream()
                    .map(checkpoints::latest)
                    .flatMap(Optional::stream)
                    .sorted(Comparator.comparingLong(CheckpointManifest::createdMillis)
                            .reversed())
                    .toList();
            for (CheckpointManifest latest : newestRunsFirst) {
                Optional<LoadedGenerator> generator = loader.loadLatest(latest.runId());
                if (generator.isEmpty()) {
                    continue;
                }
                if (!registry.offerIfRoom(generator.get())) {
                    LOG.infof("generator budget full; older runs load when asked for");
                    break;
                }
                LOG.infof(
                        "run=%s serving step %d from the store",
                        latest.runId(), generator.get().step());
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

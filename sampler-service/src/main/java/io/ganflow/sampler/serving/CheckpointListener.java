package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.MalformedEventException;
import io.ganflow.store.ObjectStoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Swaps in each new checkpoint's generator. A checkpoint that fails verification is refused and counted; the model
 * already serving keeps serving. Only an unreadable event is parked on the dead-letter topic.
 */
@ApplicationScoped
public class CheckpointListener {

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    private final CheckpointLoader loader;
    private final GeneratorRegistry registry;
    private final StartupScan scan;
    private final Counter refused;

    public CheckpointListener(
            CheckpointLoader loader, GeneratorRegistry registry, StartupScan scan, MeterRegistry meters) {
        this.loader = loader;
        this.registry = registry;
        this.scan = scan;
        this.refused = meters.counter("ganflow.sampler.checkpoints.refused");
    }

    /** Unreadable events never get here: SmallRye parks them on the sampler's dead-letter topic with the reason. */
    @Incoming(CheckpointEvent.TOPIC)
    @Blocking
    public void onCheckpoint(CheckpointEvent event) {
        if (registry.servedStep(event.runId()).orElse(-1L) >= event.step()
                || scan.willServeNewer(event.runId(), event.step())) {
            return; // replayed history: a newer checkpoint serves, or soon will
        }
        try {
            long started = System.currentTimeMillis();
            if (registry.offer(loader.load(event.manifestKey()))) {
                long now = System.currentTimeMillis();
                LOG.infof(
                        "run=%s now serving step %d (loaded and verified in %d ms, %d ms after it was announced)",
                        event.runId(), event.step(), now - started, now - event.timeMillis());
            }
        } catch (MalformedEventException | ObjectStoreException e) {
            refused.increment();
            LOG.warnf(
                    "run=%s refused checkpoint at step %d, still serving step %s: %s",
                    event.runId(),
                    event.step(),
                    registry.servedStep(event.runId()).map(String::valueOf).orElse("none"),
                    e.getMessage());
        }
    }
}

package io.ganflow.sampler.serving;

import io.ganflow.events.CheckpointEvent;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.MalformedEventException;
import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStoreException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Swaps in each new checkpoint's generator. A checkpoint that fails verification is refused and counted; the model
 * already serving keeps serving. A store that cannot be reached is waited for (backoff, up to {@link #STORE_RETRY}).
 * Only an unreadable event is parked on the dead-letter topic.
 */
@ApplicationScoped
public class CheckpointListener {

    private static final Logger LOG = Logger.getLogger(CheckpointListener.class);

    /**
     * How long a checkpoint waits for an unreachable store before it is given up (the next one is loaded): less than
     * the 60 s SmallRye lets a record go unacknowledged before it reports the channel unhealthy for good.
     */
    static final Duration STORE_RETRY = Duration.ofSeconds(45);

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
        long giveUp = System.currentTimeMillis() + STORE_RETRY.toMillis();
        Backoff backoff = new Backoff(500, 15_000);
        while (true) {
            try {
                long started = System.currentTimeMillis();
                CheckpointManifest manifest = loader.manifest(event.manifestKey());
                if (!CheckpointLoader.servable(manifest)) {
                    return; // a reference classifier's checkpoint: nothing to serve
                }
                if (registry.offer(loader.load(manifest))) {
                    long now = System.currentTimeMillis();
                    LOG.infof(
                            "run=%s now serving step %d (loaded and verified in %d ms, %d ms after it was announced)",
                            event.runId(), event.step(), now - started, now - event.timeMillis());
                }
                return;
            } catch (MalformedEventException e) {
                refuse(event, e);
                return;
            } catch (ObjectStoreException e) {
                // the store is away, which says nothing about the checkpoint: wait for it a while
                long wait = backoff.failed();
                if (System.currentTimeMillis() + wait > giveUp || !Backoff.sleep(wait)) {
                    refuse(event, e);
                    return;
                }
            }
        }
    }

    private void refuse(CheckpointEvent event, RuntimeException e) {
        refused.increment();
        LOG.warnf(
                "run=%s refused checkpoint at step %d, still serving step %s: %s",
                event.runId(),
                event.step(),
                registry.servedStep(event.runId()).map(String::valueOf).orElse("none"),
                e.getMessage());
    }
}

package io.ganflow.trainer.health;

import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.ObjectStoreException;
import io.ganflow.store.RunSpecStore;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Whether the trainer can reach its object store. While it cannot, the trainer keeps training its runs in memory and
 * checkpoints when the store is back; readiness says so (no new work is routed to it) and liveness stays up, since a
 * restart would only lose what is in memory. Learned from the trainer's own store calls, and while it is down from a
 * probe the training thread makes (at backoff intervals) when it has nothing else to do. Readiness reports it
 * ({@link StoreReadiness}).
 */
@ApplicationScoped
public class StoreHealth {

    private static final Logger LOG = Logger.getLogger(StoreHealth.class);
    private static final String PROBE_KEY = RunSpecStore.key("store-probe");

    private final ObjectStore store;
    private final Backoff probes = new Backoff(1_000, 15_000);
    private volatile long downSinceMillis;
    private volatile String cause = "";

    public StoreHealth(ObjectStore store) {
        this.store = store;
    }

    public void failed(ObjectStoreException e) {
        if (downSinceMillis == 0) {
            downSinceMillis = System.currentTimeMillis();
            LOG.warnf("object store unreachable; runs stay in memory until it is back: %s", e.getMessage());
        }
        cause = e.getMessage();
    }

    public void reachable() {
        if (downSinceMillis != 0) {
            LOG.infof("object store reachable again after %d s", (System.currentTimeMillis() - downSinceMillis) / 1000);
            downSinceMillis = 0;
        }
        probes.succeeded();
    }

    public boolean down() {
        return downSinceMillis != 0;
    }

    /** While the store is down, asks it again when the backoff allows; true when it answered. */
    public boolean probe() {
        if (!down() || !probes.due()) {
            return !down();
        }
        try {
            store.exists(PROBE_KEY);
            reachable();
            return true;
        } catch (ObjectStoreException e) {
            probes.failed();
            cause = e.getMessage();
            return false;
        }
    }

    /** Since when the store has been unreachable (epoch millis), or 0 while it is reachable. */
    public long downSinceMillis() {
        return downSinceMillis;
    }

    public String cause() {
        return cause;
    }
}

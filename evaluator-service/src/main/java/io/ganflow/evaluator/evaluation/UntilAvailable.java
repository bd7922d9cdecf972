package io.ganflow.evaluator.evaluation;

import io.ganflow.events.retry.Backoff;
import io.ganflow.store.ObjectStoreException;
import org.jboss.logging.Logger;

/**
 * Runs a piece of work again, with backoff up to a minute, while what it needs is away (the store, the
 * dataset-service): an outage is waited out, never the end of a listener or of the start-up catch-up.
 */
public final class UntilAvailable {

    private static final Logger LOG = Logger.getLogger(UntilAvailable.class);

    private UntilAvailable() {}

    /** True once {@code work} has run to the end; false when the waiting was interrupted (the service stops). */
    public static boolean run(String what, Runnable work) {
        Backoff backoff = new Backoff(1_000, 60_000);
        while (true) {
            try {
                work.run();
                return true;
            } catch (ObjectStoreException | DatasetServiceClient.UnavailableException e) {
                long wait = backoff.failed();
                LOG.warnf("%s waits %d ms: %s", what, wait, e.getMessage());
                if (!Backoff.sleep(wait)) {
                    return false;
                }
            }
        }
    }
}

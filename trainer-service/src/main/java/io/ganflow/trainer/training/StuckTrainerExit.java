package io.ganflow.trainer.training;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * A trainer whose training thread died or stopped polling trains nothing, yet would look like a running process: it
 * exits instead, so that Kubernetes (or ./gan's supervisor) starts a new one, which resumes its runs from their
 * checkpoints. Halts without the shutdown hooks: a stuck thread cannot hand over, and waiting for it would only delay
 * the restart.
 */
@ApplicationScoped
public class StuckTrainerExit {

    private static final Logger LOG = Logger.getLogger(StuckTrainerExit.class);
    static final int EXIT_CODE = 70;

    private final BatchFeed feed;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stuck-trainer-check");
        thread.setDaemon(true);
        return thread;
    });

    public StuckTrainerExit(BatchFeed feed) {
        this.feed = feed;
    }

    void start(@Observes StartupEvent event) {
        timer.scheduleWithFixedDelay(this::check, 15, 15, TimeUnit.SECONDS);
    }

    private void check() {
        if (!feed.stopping() && !feed.isAlive()) {
            LOG.errorf(
                    "the training thread is gone or has not polled in time: exiting (code %d) to be restarted",
                    EXIT_CODE);
            Runtime.getRuntime().halt(EXIT_CODE);
        }
    }
}

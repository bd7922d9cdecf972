package io.ganflow.trainer.feed;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
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
        IntConsumer halt = Runtime.getRuntime()::halt;
        timer.scheduleWithFixedDelay(() -> check(feed::isAlive, feed::stopping, halt), 15, 15, TimeUnit.SECONDS);
    }

    /** Exits through {@code exit} when the training thread is not alive, unless the trainer is stopping anyway. */
    static void check(BooleanSupplier alive, BooleanSupplier stopping, IntConsumer exit) {
        if (!stopping.getAsBoolean() && !alive.getAsBoolean()) {
            LOG.errorf(
                    "the training thread is gone or has not polled in time: exiting (code %d) to be restarted",
                    EXIT_CODE);
            exit.accept(EXIT_CODE);
        }
    }
}

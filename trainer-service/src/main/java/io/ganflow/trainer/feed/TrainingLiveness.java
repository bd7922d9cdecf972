package io.ganflow.trainer.feed;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the training thread runs and keeps polling ({@link StuckTrainerExit} ends a trainer that does not). */
@Liveness
@ApplicationScoped
public class TrainingLiveness implements HealthCheck {

    private final BatchFeed feed;

    public TrainingLiveness(BatchFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("training loop").status(feed.isAlive()).build();
    }
}

package io.ganflow.trainer.training;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the training loop's thread runs and keeps polling. */
@Liveness
@ApplicationScoped
public class TrainingLiveness implements HealthCheck {

    private final TrainingLoop loop;

    public TrainingLiveness(TrainingLoop loop) {
        this.loop = loop;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("training loop").status(loop.isAlive()).build();
    }
}

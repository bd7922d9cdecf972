package io.ganflow.trainer.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the object store is unreachable ({@link StoreHealth}); liveness is not affected. */
@Readiness
@ApplicationScoped
public class StoreReadiness implements HealthCheck {

    private final StoreHealth health;

    public StoreReadiness(StoreHealth health) {
        this.health = health;
    }

    @Override
    public HealthCheckResponse call() {
        long since = health.downSinceMillis();
        return HealthCheckResponse.named("object store")
                .status(since == 0)
                .withData("unreachableForSeconds", since == 0 ? 0 : (System.currentTimeMillis() - since) / 1000)
                .withData("cause", since == 0 ? "" : health.cause())
                .build();
    }
}

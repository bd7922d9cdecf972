package io.ganflow.sampler.rest;

import io.ganflow.sampler.serving.StartupScan;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the start-up scan has loaded the latest checkpoint of every run in the store. */
@Readiness
@ApplicationScoped
public class ModelReadiness implements HealthCheck {

    private final StartupScan scan;

    public ModelReadiness(StartupScan scan) {
        this.scan = scan;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("models loaded").status(scan.isDone()).build();
    }
}

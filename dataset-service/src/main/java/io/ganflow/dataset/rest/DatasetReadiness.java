package io.ganflow.dataset.rest;

import io.ganflow.dataset.epoch.DatasetCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the data set files are where they are configured to be (a cheap file check, no parsing). */
@Readiness
@ApplicationScoped
public class DatasetReadiness implements HealthCheck {

    private final DatasetCatalog catalog;

    public DatasetReadiness(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        boolean readable = catalog.list().stream().allMatch(DatasetCatalog.DatasetInfo::available);
        return HealthCheckResponse.named("datasets readable").status(readable).build();
    }
}

package io.ganflow.dataset.rest;

import io.ganflow.dataset.epoch.DatasetCatalog;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready when Fashion-MNIST's files are where they are configured to be (a cheap file check, no parsing). CIFAR-10
 * is optional: it cannot be downloaded here, so a user points the service at their copy; until then runs on it are
 * refused with a clear error.
 */
@Readiness
@ApplicationScoped
public class DatasetReadiness implements HealthCheck {

    private final DatasetCatalog catalog;

    public DatasetReadiness(DatasetCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("datasets readable")
                .status(catalog.fashionMnistReadable())
                .build();
    }
}

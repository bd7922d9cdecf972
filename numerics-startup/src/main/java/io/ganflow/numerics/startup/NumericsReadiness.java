package io.ganflow.numerics.startup;

import io.ganflow.models.numerics.NumericsReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** {@code /q/health}: the convolution kernels chosen, why, and on what; ready once chosen. */
@Readiness
@ApplicationScoped
public class NumericsReadiness implements HealthCheck {

    private final NumericsStartup startup;

    public NumericsReadiness(NumericsStartup startup) {
        this.startup = startup;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("numerics");
        if (startup.report().isEmpty()) {
            return response.down().withData("kernels", "not chosen yet").build();
        }
        NumericsReport report = startup.report().get();
        for (Map.Entry<String, Object> entry : report.healthData().entrySet()) {
            Object value = entry.getValue();
            if (value instanceof Boolean flag) {
                response.withData(entry.getKey(), flag);
            } else if (value instanceof Number number) {
                response.withData(entry.getKey(), number.longValue());
            } else {
                response.withData(entry.getKey(), String.valueOf(value));
            }
        }
        return response.up().build();
    }
}

package io.ganflow.numerics.startup;

import io.ganflow.models.numerics.NoRightNumericsException;
import io.ganflow.models.numerics.Numerics;
import io.ganflow.models.numerics.NumericsReport;
import io.ganflow.models.numerics.NumericsSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Before anything else of the service starts: chooses how convolutions compute on this machine (the fastest kernels
 * whose every layer agrees with float64), says so in one log line and as a metric. When no kernels are right, the
 * one log line says what was tried and what the operator can do, and the process ends with {@link #EXIT_CODE}, which
 * ./gan's supervisor does not restart: it would only be wrong again.
 */
@ApplicationScoped
public class NumericsStartup {

    /** EX_CONFIG: this machine cannot be configured to compute right. */
    public static final int EXIT_CODE = 78;

    private static final Logger LOG = Logger.getLogger(NumericsStartup.class);

    private final NumericsConfig config;
    private final MeterRegistry meters;
    private volatile NumericsReport report;

    public NumericsStartup(NumericsConfig config, MeterRegistry meters) {
        this.config = config;
        this.meters = meters;
    }

    void choose(@Observes @Priority(1) StartupEvent event) {
        try {
            report = Numerics.choose(settings(config));
        } catch (NoRightNumericsException | IllegalArgumentException e) {
            // no kernels are right here, or the settings name none: one line, and no restart into the same
            LOG.error(e.getMessage());
            Runtime.getRuntime().halt(EXIT_CODE);
        }
        LOG.info(report.logLine());
        Gauge.builder("ganflow.numerics.kernels", () -> 1)
                .description("the convolution kernels this process chose (tag kernels), always 1")
                .tag("kernels", report.kernels().id())
                .tag("checked", String.valueOf(report.checked()))
                .register(meters);
        Gauge.builder("ganflow.numerics.choice.seconds", () -> report.millis() / 1000.0)
                .description("how long choosing the convolution kernels took at start-up")
                .baseUnit("seconds")
                .register(meters);
    }

    /** Empty until the service has started. */
    public Optional<NumericsReport> report() {
        return Optional.ofNullable(report);
    }

    static NumericsSettings settings(NumericsConfig config) {
        return new NumericsSettings(
                config.configuration(),
                config.selfTest(),
                Optional.of(Path.of(config.rememberIn().orElseGet(NumericsSettings::defaultFolder))),
                NumericsSettings.simulates(config.simulateFault()));
    }
}

package io.ganflow.evaluator.numerics;

import io.ganflow.models.ComputeDevice;
import io.ganflow.models.numerics.PrecisionCheck;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before anything else starts: every layer of every model and classifier, and the generators' inference forms that
 * the evaluation runs, in float32 against float64 on this machine. When they disagree the service does not start,
 * rather than publish wrong figures.
 */
@ApplicationScoped
public class NumericsSelfTest {

    private static final Logger LOG = Logger.getLogger(NumericsSelfTest.class);

    @ConfigProperty(name = "ganflow.numerics.self-test", defaultValue = "true")
    boolean enabled;

    void check(@Observes @Priority(1) StartupEvent event) {
        if (enabled) {
            long millis = PrecisionCheck.requireTrustworthyFloat32ForEvaluation();
            LOG.infof("float32 layers agree with float64 on %s (checked in %d ms)", ComputeDevice.describe(), millis);
        }
    }
}

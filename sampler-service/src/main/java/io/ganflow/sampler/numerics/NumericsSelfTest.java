package io.ganflow.sampler.numerics;

import io.ganflow.models.ComputeDevice;
import io.ganflow.models.numerics.PrecisionCheck;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Before anything else starts: every layer of every model, and the inference forms this service serves, in float32
 * against float64 on this machine's CPU and libtorch, which have computed some convolutions wrongly without a word.
 * When they disagree, the service does not start (the log names the layer), rather than quietly serves wrong
 * numbers.
 */
@ApplicationScoped
public class NumericsSelfTest {

    private static final Logger LOG = Logger.getLogger(NumericsSelfTest.class);

    @ConfigProperty(name = "ganflow.numerics.self-test", defaultValue = "true")
    boolean enabled;

    void check(@Observes @Priority(1) StartupEvent event) {
        if (enabled) {
            long millis = PrecisionCheck.requireTrustworthyFloat32ForServing();
            LOG.infof("float32 layers agree with float64 on %s (checked in %d ms)", ComputeDevice.describe(), millis);
        }
    }
}

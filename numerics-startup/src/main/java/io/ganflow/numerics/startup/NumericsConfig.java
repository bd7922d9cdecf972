package io.ganflow.numerics.startup;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.util.Optional;

/** How a service chooses its convolution kernels at start-up (README, "Numerics"). */
@ConfigMapping(prefix = "ganflow.numerics")
public interface NumericsConfig {

    /** {@code auto}: the fastest kernels that agree with float64 here; or one of vendor, vendor-padded, pytorch. */
    @WithDefault("auto")
    String configuration();

    /** false: no float64 check (the configured, the remembered or the vendor's kernels are used unchecked). */
    @WithName("self-test")
    @WithDefault("true")
    boolean selfTest();

    /** Where choices are remembered per machine (default: ganflow-numerics under java.io.tmpdir). */
    Optional<String> rememberIn();

    /** {@code onednn-cache-topology}: give this process oneDNN's cache-topology fault first (tests, demos). */
    @WithDefault("none")
    String simulateFault();
}

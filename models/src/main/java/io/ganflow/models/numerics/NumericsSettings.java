package io.ganflow.models.numerics;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How a process chooses its convolution kernels. Services read these from their configuration; anything else (tests,
 * benchmarks) from system properties or the environment, as {@link #fromEnvironment} says.
 *
 * @param configuration {@code auto} (choose), or a kernels id to use ({@link ConvolutionKernels#ids()})
 * @param check false: use the configuration (or the remembered choice, or the vendor's) without the float64 check
 * @param rememberIn the folder where choices are remembered per machine; empty: never remembered
 * @param simulateCacheFault give this process oneDNN's cache-topology fault first ({@link SimulatedCacheFault})
 */
public record NumericsSettings(
        String configuration, boolean check, Optional<Path> rememberIn, boolean simulateCacheFault) {

    public static final String AUTO = "auto";
    public static final String CACHE_TOPOLOGY_FAULT = "onednn-cache-topology";

    public NumericsSettings {
        if (!configuration.equals(AUTO)
                && ConvolutionKernels.byId(configuration).isEmpty()) {
            throw new IllegalArgumentException("ganflow.numerics.configuration must be " + AUTO + " or one of "
                    + ConvolutionKernels.ids() + ", was '" + configuration + "'");
        }
    }

    /** The configured kernels, unless the service is to choose. */
    public Optional<ConvolutionKernels> forced() {
        return ConvolutionKernels.byId(configuration);
    }

    /**
     * {@code ganflow.numerics.configuration} (GANFLOW_NUMERICS_CONFIGURATION, default auto),
     * {@code ganflow.numerics.self-test} (true), {@code ganflow.numerics.remember-in} (a folder under java.io.tmpdir),
     * {@code ganflow.numerics.simulate-fault} (none).
     */
    public static NumericsSettings fromEnvironment() {
        String fault = setting("ganflow.numerics.simulate-fault", "none");
        return new NumericsSettings(
                setting("ganflow.numerics.configuration", AUTO),
                Boolean.parseBoolean(setting("ganflow.numerics.self-test", "true")),
                Optional.of(Path.of(setting("ganflow.numerics.remember-in", defaultFolder()))),
                simulates(fault));
    }

    /** Where choices are remembered unless configured: beside the process's other temporary files. */
    public static String defaultFolder() {
        return Path.of(System.getProperty("java.io.tmpdir"), "ganflow-numerics").toString();
    }

    /** {@code none} or {@link #CACHE_TOPOLOGY_FAULT}; anything else is refused. */
    public static boolean simulates(String fault) {
        if (fault.equals(CACHE_TOPOLOGY_FAULT)) {
            return true;
        }
        if (fault.equals("none") || fault.isEmpty()) {
            return false;
        }
        throw new IllegalArgumentException(
                "ganflow.numerics.simulate-fault must be none or " + CACHE_TOPOLOGY_FAULT + ", was '" + fault + "'");
    }

    private static String setting(String property, String fallback) {
        String value = System.getProperty(property);
        if (value == null) {
            value = System.getenv(property.toUpperCase(java.util.Locale.ROOT)
                    .replace('.', '_')
                    .replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.strip();
    }
}

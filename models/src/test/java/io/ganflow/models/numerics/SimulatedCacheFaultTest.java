package io.ganflow.models.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The fault that made both README commands fail on a fresh machine (oneDNN 3.7 given a zero cache topology by the
 * hypervisor), reproduced in a process of its own on this machine: the vendor's kernels are then wrong in the very
 * layers they were wrong in there, and the choice falls on kernels whose every layer agrees with float64.
 *
 * <p>A child JVM makes the whole start-up choice: tagged slow, so it runs in {@code ./gan test} but not in its fast
 * tier.
 */
@Tag("slow")
class SimulatedCacheFaultTest {

    /** Runs in a JVM of its own: the fault corrupts oneDNN for the rest of the process. */
    public static void main(String[] args) {
        Numerics.choose(new NumericsSettings("vendor", false, Optional.empty(), false));
        try {
            SimulatedCacheFault.apply();
            System.out.println("simulated");
        } catch (IllegalStateException e) {
            System.out.println("no-simulation " + e.getMessage());
        }
        TorchContext torch = TorchContext.ofLoadedEngine().orElseThrow();
        List<String> vendor = PrecisionCheck.everything();
        System.out.println("vendor-disagreements " + vendor.size());
        vendor.stream().limit(3).forEach(line -> System.out.println("vendor-wrong " + line));
        NumericsSelection.Choice choice = new NumericsSelection(
                        new LibtorchMachine(torch, false, new TrainingSpeed(16, 1)),
                        List.of(ConvolutionKernels.values()))
                .choose();
        System.out.println("chosen " + choice.kernels().id());
        System.out.println("chosen-disagreements " + PrecisionCheck.everything().size());
    }

    @Test
    void theVendorKernelsGoWrongAndTheChoiceFallsOnRightOnes() throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process probe = new ProcessBuilder(
                        java.toString(),
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SimulatedCacheFaultTest.class.getName())
                .redirectErrorStream(true)
                .start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(probe.waitFor(5, TimeUnit.MINUTES), "the probe did not end");
        assertEquals(0, probe.exitValue(), output);
        // a machine whose oneDNN is right and where the fault cannot be given (another CPU's caches): nothing to show
        Assumptions.assumeFalse(
                output.contains("no-simulation") && output.contains("vendor-disagreements 0"),
                "the fault is neither here nor can it be simulated:\n" + output);
        assertTrue(
                output.contains(
                                "vendor-wrong cgan-fashion-mnist generator layer 8 (TransposedConv2d, input (16, 129, 7, 7))")
                        || output.contains(
                                "vendor-wrong dcgan-cifar10 generator layer 14 (TransposedConv2d, input (16, 64,"),
                "the fault seen on that machine, in its layers:\n" + output);
        assertTrue(output.contains("chosen-disagreements 0"), output);
        assertFalse(output.contains("chosen vendor\n"), "the vendor's kernels, wrong here, were chosen:\n" + output);
    }
}

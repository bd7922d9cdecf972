package io.ganflow.models.numerics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a choice of kernels is remembered under, and the folder that remembers it. */
class MachineFingerprintTest {

    @TempDir
    Path folder;

    private static MachineFingerprint here() {
        return MachineFingerprint.of(Engine.getEngine("PyTorch"), TorchContext.ofLoadedEngine(), false);
    }

    @Test
    void namesTheDeviceTheModelsComputeOnAndTheLibrariesThatComputeThere() {
        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.defaultDevice();
        assertEquals(engine.getGpuCount() > 0 ? Device.Type.GPU : Device.Type.CPU, device.getDeviceType());
        try (NDManager manager = NDManager.newBaseManager()) {
            assertEquals(device, manager.create(new float[] {1f}).getDevice(), "arrays are made where the models run");
        }
        MachineFingerprint machine = here();
        assertEquals(device.toString(), machine.device());
        assertTrue(machine.description().contains("PyTorch " + engine.getVersion()), machine.description());
        assertTrue(machine.oneDnn().matches("v3\\.\\d+\\.\\d+"), machine.oneDnn());
        assertFalse(machine.capability().isEmpty());
    }

    @Test
    void theSameMachineHasTheSameHashEveryTimeAndWithTheFaultSimulatedAnother() {
        assertEquals(here().hash(), here().hash());
        assertEquals(32, here().hash().length());
        MachineFingerprint simulated =
                MachineFingerprint.of(Engine.getEngine("PyTorch"), TorchContext.ofLoadedEngine(), true);
        assertNotEquals(here().hash(), simulated.hash());
    }

    @Test
    void aChoiceIsRecalledOnTheSameMachineOnly() {
        RememberedChoices choices = new RememberedChoices(folder.resolve("numerics"));
        MachineFingerprint machine = here();
        NumericsSelection.Choice choice = new NumericsSelection.Choice(
                ConvolutionKernels.VENDOR_PADDED,
                "the fastest whose every layer agrees with float64",
                List.of(new NumericsSelection.Trial(
                        ConvolutionKernels.VENDOR_PADDED, 150, NumericsSelection.Trial.Verdict.RIGHT, List.of())));
        assertEquals(Optional.empty(), choices.recall(machine));
        assertTrue(choices.remember(machine, choice));
        assertEquals(Optional.of(ConvolutionKernels.VENDOR_PADDED), choices.recall(machine));
        MachineFingerprint other = new MachineFingerprint(
                machine.device(), machine.cpu(), machine.capability(), "9.9.9", machine.oneDnn(), "f".repeat(32));
        assertEquals(Optional.empty(), choices.recall(other));
    }

    @Test
    void aFileThatIsNotAChoiceIsNoChoiceAndAFolderThatCannotBeWrittenIsNoError() throws IOException {
        MachineFingerprint machine = here();
        Path numerics = Files.createDirectories(folder.resolve("numerics"));
        Files.writeString(numerics.resolve("numerics-" + machine.hash() + ".json"), "{\"kernels\": \"fastest\"}");
        assertEquals(Optional.empty(), new RememberedChoices(numerics).recall(machine));
        Files.writeString(numerics.resolve("numerics-" + machine.hash() + ".json"), "not json");
        assertEquals(Optional.empty(), new RememberedChoices(numerics).recall(machine));
        Path file = Files.writeString(folder.resolve("a-file"), "in the way");
        NumericsSelection.Choice choice = new NumericsSelection.Choice(ConvolutionKernels.VENDOR, "because", List.of());
        assertFalse(new RememberedChoices(file.resolve("below")).remember(machine, choice));
    }
}

package io.ganflow.models.numerics;

import static io.ganflow.models.numerics.ConvolutionKernels.PYTORCH;
import static io.ganflow.models.numerics.ConvolutionKernels.VENDOR;
import static io.ganflow.models.numerics.ConvolutionKernels.VENDOR_PADDED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The choice among candidate kernels, on a machine whose speeds and faults the test sets. */
class NumericsSelectionTest {

    /** A machine where each candidate has a speed and, if the test says so, layers it gets wrong. */
    private static final class FakeMachine implements NumericsSelection.Machine {
        final Map<ConvolutionKernels, Double> speeds = new EnumMap<>(ConvolutionKernels.class);
        final Map<ConvolutionKernels, List<String>> wrong = new EnumMap<>(ConvolutionKernels.class);
        final List<ConvolutionKernels> checked = new ArrayList<>();
        ConvolutionKernels inUse;

        FakeMachine(double vendor, double padded, double pytorch) {
            speeds.put(VENDOR, vendor);
            speeds.put(VENDOR_PADDED, padded);
            speeds.put(PYTORCH, pytorch);
        }

        FakeMachine wrongWith(ConvolutionKernels kernels, String layer) {
            wrong.put(kernels, List.of(layer));
            return this;
        }

        @Override
        public void use(ConvolutionKernels kernels) {
            inUse = kernels;
        }

        @Override
        public List<String> disagreements() {
            checked.add(inUse);
            return wrong.getOrDefault(inUse, List.of());
        }

        @Override
        public double trainingImagesPerSecond() {
            return speeds.get(inUse);
        }
    }

    private static final List<ConvolutionKernels> ALL = List.of(VENDOR, VENDOR_PADDED, PYTORCH);

    @Test
    void onAHealthyMachineTheFastestIsChosenAndOnlyItIsChecked() {
        FakeMachine machine = new FakeMachine(150, 130, 60);
        NumericsSelection.Choice choice = new NumericsSelection(machine, ALL).choose();
        assertEquals(VENDOR, choice.kernels());
        assertEquals(List.of(VENDOR), machine.checked);
        assertEquals(VENDOR, machine.inUse, "the chosen kernels are the ones left in use");
    }

    @Test
    void aFasterCandidateThatIsWrongIsNeverChosen() {
        FakeMachine machine = new FakeMachine(150, 130, 60)
                .wrongWith(VENDOR, "cgan generator layer 8 (TransposedConv2d) output: float32 differs by NaN");
        NumericsSelection.Choice choice = new NumericsSelection(machine, ALL).choose();
        assertEquals(VENDOR_PADDED, choice.kernels());
        assertEquals(VENDOR_PADDED, machine.inUse);
        assertEquals(
                NumericsSelection.Trial.Verdict.WRONG, choice.trials().get(0).verdict());
        assertTrue(
                choice.trials().get(0).summary().contains("layer 8"),
                choice.trials().get(0).summary());
    }

    @Test
    void theSlowestIsChosenWhenItAloneIsRight() {
        FakeMachine machine =
                new FakeMachine(150, 130, 60).wrongWith(VENDOR, "layer 8").wrongWith(VENDOR_PADDED, "layer 14");
        assertEquals(PYTORCH, new NumericsSelection(machine, ALL).choose().kernels());
        assertEquals(List.of(VENDOR, VENDOR_PADDED, PYTORCH), machine.checked);
    }

    @Test
    void aLaterCandidateMustBeatAnEarlierOneByTheMarginNotByNoise() {
        // 8% faster: within a short timing's noise, the simpler kernels stay
        assertEquals(
                VENDOR,
                new NumericsSelection(new FakeMachine(150, 162, 60), ALL)
                        .choose()
                        .kernels());
        // 30% faster: a real difference
        assertEquals(
                VENDOR_PADDED,
                new NumericsSelection(new FakeMachine(150, 195, 60), ALL)
                        .choose()
                        .kernels());
    }

    @Test
    void whenEveryCandidateIsWrongTheRefusalNamesEachOnesLayerAndWhatToDo() {
        FakeMachine machine = new FakeMachine(150, 130, 60)
                .wrongWith(VENDOR, "cgan generator layer 8 (TransposedConv2d, input (16, 129, 7, 7)) output")
                .wrongWith(VENDOR_PADDED, "dcgan generator layer 14 input gradient")
                .wrongWith(PYTORCH, "classifier layer 1 output");
        NoRightNumericsException refusal =
                assertThrows(NoRightNumericsException.class, () -> new NumericsSelection(machine, ALL).choose());
        String message = refusal.getMessage();
        assertTrue(message.startsWith("no convolution kernels agree with float64 on this machine"), message);
        assertTrue(message.contains("vendor 150 img/s wrong (1 checks, first: cgan generator layer 8"), message);
        assertTrue(
                message.contains("vendor-padded 130 img/s wrong (1 checks, first: dcgan generator layer 14"), message);
        assertTrue(message.contains("pytorch 60 img/s wrong (1 checks, first: classifier layer 1"), message);
        assertTrue(message.contains("ONEDNN_MAX_CPU_ISA=SSE41"), message);
        assertEquals(1, message.lines().count(), "one log line");
    }

    @Test
    void aRememberedChoiceIsCheckedAgainAndNothingIsTimed() {
        FakeMachine machine = new FakeMachine(Double.NaN, Double.NaN, Double.NaN);
        NumericsSelection.Choice choice = new NumericsSelection(machine, ALL).remembered(VENDOR_PADDED);
        assertEquals(VENDOR_PADDED, choice.kernels());
        assertEquals(List.of(VENDOR_PADDED), machine.checked);
    }

    @Test
    void aRememberedChoiceThatIsWrongNowIsDroppedAndAnotherChosen() {
        FakeMachine machine = new FakeMachine(150, 130, 60).wrongWith(VENDOR, "layer 8");
        NumericsSelection.Choice choice = new NumericsSelection(machine, ALL).remembered(VENDOR);
        assertEquals(VENDOR_PADDED, choice.kernels());
        assertEquals(List.of(VENDOR, VENDOR_PADDED), machine.checked, "vendor is not tried twice");
        assertTrue(choice.reason().contains("remembered was wrong"), choice.reason());
    }

    @Test
    void whenTheRememberedChoiceAndEveryOtherAreWrongTheRefusalNamesThemAll() {
        FakeMachine machine = new FakeMachine(150, 130, 60)
                .wrongWith(VENDOR, "layer 8")
                .wrongWith(VENDOR_PADDED, "layer 9")
                .wrongWith(PYTORCH, "layer 10");
        NoRightNumericsException refusal = assertThrows(
                NoRightNumericsException.class, () -> new NumericsSelection(machine, ALL).remembered(VENDOR_PADDED));
        assertEquals(3, refusal.trials().size(), refusal.getMessage());
        assertTrue(
                refusal.getMessage().contains("vendor-padded wrong (1 checks, first: layer 9)"), refusal.getMessage());
    }

    @Test
    void aForcedChoiceIsUsedWhenRightAndRefusedWhenWrong() {
        FakeMachine machine = new FakeMachine(150, 130, 60).wrongWith(VENDOR, "layer 8");
        assertEquals(
                PYTORCH, new NumericsSelection(machine, ALL).forced(PYTORCH).kernels());
        NoRightNumericsException refusal =
                assertThrows(NoRightNumericsException.class, () -> new NumericsSelection(machine, ALL).forced(VENDOR));
        assertTrue(refusal.getMessage().contains("set by ganflow.numerics.configuration"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("layer 8"), refusal.getMessage());
    }

    @Test
    void settingsRefuseAnUnknownConfigurationOrFaultByName() {
        IllegalArgumentException configuration = assertThrows(
                IllegalArgumentException.class,
                () -> new NumericsSettings("fast", true, java.util.Optional.empty(), false));
        assertTrue(configuration.getMessage().contains("auto or one of vendor, vendor-padded, pytorch"));
        IllegalArgumentException fault =
                assertThrows(IllegalArgumentException.class, () -> NumericsSettings.simulates("cosmic-rays"));
        assertTrue(fault.getMessage().contains("ganflow.numerics.simulate-fault"));
    }
}

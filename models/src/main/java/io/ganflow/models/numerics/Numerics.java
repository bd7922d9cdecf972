package io.ganflow.models.numerics;

import ai.djl.engine.Engine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The process's one choice of convolution kernels, made before its first convolution: by a service at start-up
 * ({@link #choose}), or by the first convolution of anything else, with the settings of the environment
 * ({@link #ensureChosen}). Nothing computes a convolution before it is made.
 */
public final class Numerics {

    private static final ReentrantLock CHOOSING = new ReentrantLock();
    private static volatile NumericsReport current;

    private Numerics() {}

    /** Called by every convolution: returns at once once chosen, and while this thread is choosing. */
    public static void ensureChosen() {
        if (current == null && !CHOOSING.isHeldByCurrentThread()) {
            choose(NumericsSettings.fromEnvironment());
        }
    }

    /** The choice, made now with {@code settings} unless this process made it already; throws when none is right. */
    public static NumericsReport choose(NumericsSettings settings) {
        CHOOSING.lock();
        try {
            if (current == null) {
                current = select(settings);
            }
            return current;
        } finally {
            CHOOSING.unlock();
        }
    }

    /** The choice, making it with the environment's settings if no one has. */
    public static NumericsReport current() {
        ensureChosen();
        return current;
    }

    private static NumericsReport select(NumericsSettings settings) {
        long started = System.nanoTime();
        Optional<MachineLock> lock = settings.rememberIn().flatMap(MachineLock::acquire);
        try {
            return select(settings, started);
        } finally {
            lock.ifPresent(MachineLock::close);
        }
    }

    private static NumericsReport select(NumericsSettings settings, long started) {
        Engine engine = Engine.getEngine("PyTorch");
        boolean gpu = engine.defaultDevice().isGpu();
        Optional<TorchContext> torch = TorchContext.ofLoadedEngine();
        // NNPACK would only print that it does not support a CPU; the candidates never need it
        torch.ifPresent(context -> context.useNnpack(false));
        if (settings.simulateCacheFault()) {
            SimulatedCacheFault.apply();
        }
        MachineFingerprint machine = MachineFingerprint.of(engine, torch, settings.simulateCacheFault());
        List<ConvolutionKernels> candidates = new ArrayList<>(List.of(ConvolutionKernels.values()));
        if (torch.isEmpty()) {
            // the vendor library cannot be switched off without libtorch's context; padding needs none
            candidates.remove(ConvolutionKernels.PYTORCH);
        }
        NumericsSelection selection = new NumericsSelection(
                new LibtorchMachine(torch.orElse(null), gpu, new TrainingSpeed(32, 1)), candidates);
        Optional<RememberedChoices> memory = settings.rememberIn().map(RememberedChoices::new);
        Optional<ConvolutionKernels> remembered =
                memory.flatMap(choices -> choices.recall(machine)).filter(candidates::contains);
        NumericsSelection.Choice choice = decide(settings, selection, remembered, torch.orElse(null), gpu);
        boolean learned =
                settings.check() && settings.forced().isEmpty() && !remembered.equals(Optional.of(choice.kernels()));
        if (learned) {
            memory.ifPresent(choices -> choices.remember(machine, choice));
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        return new NumericsReport(choice, machine, gpu, settings.check(), settings.simulateCacheFault(), millis);
    }

    /** The operator's kernels, else the remembered ones checked again, else a new choice; unchecked if so set. */
    private static NumericsSelection.Choice decide(
            NumericsSettings settings,
            NumericsSelection selection,
            Optional<ConvolutionKernels> remembered,
            TorchContext torch,
            boolean gpu) {
        if (!settings.check()) {
            ConvolutionKernels kernels = settings.forced().or(() -> remembered).orElse(ConvolutionKernels.VENDOR);
            kernels.apply(torch, gpu);
            return new NumericsSelection.Choice(kernels, "not checked: ganflow.numerics.self-test=false", List.of());
        }
        if (settings.forced().isPresent()) {
            return selection.forced(settings.forced().get());
        }
        return remembered.map(selection::remembered).orElseGet(selection::choose);
    }
}

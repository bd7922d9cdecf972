package io.ganflow.models.numerics;

import java.util.List;
import java.util.stream.Collectors;

/**
 * No way of computing convolutions agrees with float64 on this machine: the service must not compute at all. The
 * message is the one log line an operator gets: what was tried, the first layer each got wrong, what to do.
 */
public final class NoRightNumericsException extends IllegalStateException {

    private final transient List<NumericsSelection.Trial> trials;

    NoRightNumericsException(List<NumericsSelection.Trial> trials, boolean forced) {
        super(message(trials, forced));
        this.trials = List.copyOf(trials);
    }

    public List<NumericsSelection.Trial> trials() {
        return trials;
    }

    private static String message(List<NumericsSelection.Trial> trials, boolean forced) {
        String found = trials.stream().map(NumericsSelection.Trial::summary).collect(Collectors.joining("; "));
        String start = forced
                ? "the convolution kernels set by ganflow.numerics.configuration disagree with float64 on this machine: "
                : "no convolution kernels agree with float64 on this machine, refusing to compute: ";
        String todo = forced
                ? " Unset ganflow.numerics.configuration to let the service choose."
                : " What may help: start the service with ONEDNN_MAX_CPU_ISA=SSE41 (oneDNN's oldest kernels, slower),"
                        + " or on a machine whose hypervisor reports the CPU's cache topology (CPUID 0x8000001D);"
                        + " ganflow.numerics.self-test=false computes without checking, at the risk of wrong numbers.";
        return start + found + "." + todo;
    }
}

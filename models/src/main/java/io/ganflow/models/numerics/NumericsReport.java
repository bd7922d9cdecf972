package io.ganflow.models.numerics;

import io.ganflow.events.NumericsProvenance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The process's choice of convolution kernels, with what it was chosen on and how, for logs, health, checkpoints. */
public record NumericsReport(
        NumericsSelection.Choice choice,
        MachineFingerprint machine,
        boolean gpu,
        boolean checked,
        boolean simulatedFault,
        long millis) {

    public ConvolutionKernels kernels() {
        return choice.kernels();
    }

    /** The one start-up line: what was chosen, why, on what, what each candidate did, how long it took. */
    public String logLine() {
        String trials = choice.trials().isEmpty()
                ? ""
                : " ["
                        + choice.trials().stream()
                                .map(NumericsSelection.Trial::summary)
                                .collect(Collectors.joining("; "))
                        + "]";
        return String.format(
                "convolutions: %s (%s): %s, on %s%s%s, in %d ms",
                kernels().id(),
                kernels().describe(gpu),
                choice.reason(),
                machine.description(),
                simulatedFault ? ", with oneDNN's cache-topology fault simulated" : "",
                trials,
                millis);
    }

    /** For {@code /q/health}: flat values. */
    public Map<String, Object> healthData() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("kernels", kernels().id());
        data.put("description", kernels().describe(gpu));
        data.put("reason", choice.reason());
        data.put("checkedAgainstFloat64", checked);
        data.put("device", machine.device());
        data.put("cpu", machine.cpu());
        data.put("cpuCapability", machine.capability());
        data.put("libtorch", machine.libtorch());
        data.put("oneDnn", machine.oneDnn());
        data.put("choiceMillis", millis);
        if (simulatedFault) {
            data.put("simulatedFault", NumericsSettings.CACHE_TOPOLOGY_FAULT);
        }
        for (NumericsSelection.Trial trial : choice.trials()) {
            data.put("candidate." + trial.kernels().id(), trial.summary());
        }
        return data;
    }

    public NumericsProvenance provenance() {
        return new NumericsProvenance(kernels().id(), checked, machine.description());
    }
}

package io.ganflow.gateway.runs;

import io.ganflow.events.RunSpec;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client may choose when starting a run; every field is optional and defaults to the tutorial's recipe. */
@Schema(
        description = "A run to start. Omitted fields take the tutorial's defaults.",
        example = "{\"epochs\": 5, \"batchSize\": 128, \"seed\": 42}")
public record StartRunRequest(
        String runId,
        String model,
        String dataset,
        Integer epochs,
        Integer batchSize,
        Double learningRate,
        Double beta1,
        Double beta2,
        Integer latentSize,
        Integer checkpointEverySteps,
        Integer metricsEverySteps,
        Long seed,
        Integer datasetLimit) {

    public RunSpec toSpec(String generatedRunId) {
        RunSpec d = RunSpec.defaults(runId != null ? runId : generatedRunId);
        return new RunSpec(
                d.runId(),
                or(model, d.model()),
                or(dataset, d.dataset()),
                or(epochs, d.epochs()),
                or(batchSize, d.batchSize()),
                or(learningRate, d.learningRate()),
                or(beta1, d.beta1()),
                or(beta2, d.beta2()),
                or(latentSize, d.latentSize()),
                or(checkpointEverySteps, d.checkpointEverySteps()),
                or(metricsEverySteps, d.metricsEverySteps()),
                or(seed, d.seed()),
                or(datasetLimit, d.datasetLimit()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

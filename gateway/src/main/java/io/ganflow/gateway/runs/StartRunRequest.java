package io.ganflow.gateway.runs;

import io.ganflow.events.Catalog;
import io.ganflow.events.RunSpec;
import java.util.Optional;
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
        String chosenModel = or(model, d.model());
        Optional<Catalog.Model> family = Catalog.model(chosenModel);
        // a model's own data set and latent size are the defaults once a model is chosen
        String defaultDataset = family.map(Catalog.Model::defaultDataset).orElse(d.dataset());
        int defaultLatent = family.map(Catalog.Model::defaultLatentSize).orElse(d.latentSize());
        return new RunSpec(
                d.runId(),
                chosenModel,
                or(dataset, defaultDataset),
                or(epochs, d.epochs()),
                or(batchSize, d.batchSize()),
                or(learningRate, d.learningRate()),
                or(beta1, d.beta1()),
                or(beta2, d.beta2()),
                or(latentSize, defaultLatent),
                or(checkpointEverySteps, d.checkpointEverySteps()),
                or(metricsEverySteps, d.metricsEverySteps()),
                or(seed, d.seed()),
                or(datasetLimit, d.datasetLimit()));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}

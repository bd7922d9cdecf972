package io.ganflow.gateway.runs;

import io.ganflow.events.Catalog;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunSpecLimits;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What a client may choose when it starts a run: each model family with the spec it gets by default, and the limits. */
@Schema(description = "The model families a run may train, each with its defaults, and the ranges of the numbers")
public record RunOptions(List<ModelOption> models, List<RunSpecLimits.FieldRange> limits) {

    /**
     * A model family and the spec a start that names only it gets (its own data set and latent size, the tutorial's
     * recipe for the rest); {@code defaults.runId} is null, since the gateway makes one up.
     */
    public record ModelOption(
            String name,
            @Schema(enumeration = {"GAN", "CLASSIFIER"}) String kind,
            boolean conditional,
            int channels,
            int side,
            RunSpec defaults) {}

    static RunOptions current() {
        List<ModelOption> models = Catalog.modelNames().stream()
                .map(name -> Catalog.model(name).orElseThrow())
                .map(model -> new ModelOption(
                        model.name(),
                        model.kind().name(),
                        model.conditional(),
                        model.channels(),
                        model.side(),
                        onlyModel(model.name()).toSpec(null)))
                .toList();
        return new RunOptions(models, RunSpecLimits.ALL);
    }

    private static StartRunRequest onlyModel(String model) {
        return new StartRunRequest(null, model, null, null, null, null, null, null, null, null, null, null, null);
    }
}

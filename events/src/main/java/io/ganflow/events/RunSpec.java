package io.ganflow.events;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Everything that defines a training run. Immutable: a run's spec never changes after it starts, and it travels inside
 * run commands, run status and every checkpoint.
 *
 * @param datasetLimit use only the first N images of the data set (0: all of them); for smoke runs and tests
 */
public record RunSpec(
        String runId,
        String model,
        String dataset,
        int epochs,
        int batchSize,
        double learningRate,
        double beta1,
        double beta2,
        int latentSize,
        int checkpointEverySteps,
        int metricsEverySteps,
        long seed,
        int datasetLimit) {

    public static final String CGAN_FASHION_MNIST = Catalog.CGAN_FASHION_MNIST.name();
    public static final String FASHION_MNIST = Catalog.FASHION_MNIST.name();
    public static final int MAX_BATCH_SIZE = 1024;

    /** The tutorial's recipe: Adam with lr 2e-4 and beta1 0.5, batch 128, latent size 100. */
    public static RunSpec defaults(String runId) {
        return new RunSpec(runId, CGAN_FASHION_MNIST, FASHION_MNIST, 10, 128, 2e-4, 0.5, 0.999, 100, 100, 10, 42L, 0);
    }

    /** The reasons this spec cannot run with the built-in data sets, empty when it can. */
    public List<String> problems() {
        return problems(Catalog::dataset);
    }

    /** The reasons this spec cannot run, empty when it can; {@code datasets} finds data sets by name. */
    public List<String> problems(Function<String, Optional<Catalog.Dataset>> datasets) {
        List<String> problems = new ArrayList<>();
        if (runId == null || !runId.matches("[a-z0-9][a-z0-9-]{0,62}")) {
            problems.add("runId must be 1-63 lowercase letters, digits or dashes, starting with a letter or digit");
        }
        Optional<Catalog.Model> knownModel = Catalog.model(model);
        Optional<Catalog.Dataset> knownDataset = dataset == null ? Optional.empty() : datasets.apply(dataset);
        if (knownModel.isEmpty()) {
            problems.add("model must be one of " + Catalog.modelNames() + ", was " + model);
        }
        if (knownDataset.isEmpty()) {
            problems.add(
                    "dataset must be one of " + Catalog.datasetNames() + " or an uploaded data set, was " + dataset);
        }
        if (knownModel.isPresent() && knownDataset.isPresent()) {
            Catalog.mismatch(knownModel.get(), knownDataset.get()).ifPresent(problems::add);
        }
        if (epochs < 1 || epochs > 10_000) {
            problems.add("epochs must be between 1 and 10000, was " + epochs);
        }
        if (batchSize < 1 || batchSize > MAX_BATCH_SIZE) {
            problems.add("batchSize must be between 1 and " + MAX_BATCH_SIZE + ", was " + batchSize);
        }
        if (!(learningRate > 0 && learningRate < 1)) {
            problems.add("learningRate must be in (0, 1), was " + learningRate);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            problems.add("beta1 and beta2 must be in [0, 1)");
        }
        if (latentSize < 1 || latentSize > 1024) {
            problems.add("latentSize must be between 1 and 1024, was " + latentSize);
        }
        if (checkpointEverySteps < 1) {
            problems.add("checkpointEverySteps must be at least 1, was " + checkpointEverySteps);
        }
        if (metricsEverySteps < 1) {
            problems.add("metricsEverySteps must be at least 1, was " + metricsEverySteps);
        }
        if (datasetLimit < 0) {
            problems.add("datasetLimit must be 0 (all) or positive, was " + datasetLimit);
        }
        return problems;
    }
}

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
    /** Training steps one run may take: 150 epochs of Fashion-MNIST at batch 128 are 70,200. */
    public static final long MAX_STEPS = 10_000_000;
    /**
     * Checkpoints one run may write (every {@code checkpointEverySteps} steps and at the end of every epoch):
     * retention deletes most of them later, but each is written in full first.
     */
    public static final long MAX_CHECKPOINTS = 20_000;

    /** The tutorial's recipe: Adam with lr 2e-4 and beta1 0.5, batch 128, latent size 100. */
    public static RunSpec defaults(String runId) {
        return new RunSpec(runId, CGAN_FASHION_MNIST, FASHION_MNIST, 10, 128, 2e-4, 0.5, 0.999, 100, 100, 10, 42L, 0);
    }

    /** This spec for another run: a study's trial, say. */
    public RunSpec withRunId(String newRunId) {
        return new RunSpec(
                newRunId,
                model,
                dataset,
                epochs,
                batchSize,
                learningRate,
                beta1,
                beta2,
                latentSize,
                checkpointEverySteps,
                metricsEverySteps,
                seed,
                datasetLimit);
    }

    /** The reasons this spec cannot run with the built-in data sets, empty when it can. */
    public List<String> problems() {
        return problems(Catalog::dataset);
    }

    /** The reasons this spec cannot run, empty when it can; {@code datasets} finds data sets by name. */
    public List<String> problems(Function<String, Optional<Catalog.Dataset>> datasets) {
        List<String> problems = new ArrayList<>();
        if (!Ids.isValid(runId)) {
            problems.add("runId must be " + Ids.RULE);
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
        if (knownDataset.isPresent() && problems.isEmpty()) {
            problems.addAll(sizeProblems(knownDataset.get()));
        }
        RunSpecLimits.EPOCHS.problem(epochs).ifPresent(problems::add);
        RunSpecLimits.BATCH_SIZE.problem(batchSize).ifPresent(problems::add);
        RunSpecLimits.LEARNING_RATE.problem(learningRate).ifPresent(problems::add);
        RunSpecLimits.BETA1.problem(beta1).ifPresent(problems::add);
        RunSpecLimits.BETA2.problem(beta2).ifPresent(problems::add);
        RunSpecLimits.LATENT_SIZE.problem(latentSize).ifPresent(problems::add);
        RunSpecLimits.CHECKPOINT_EVERY_STEPS.problem(checkpointEverySteps).ifPresent(problems::add);
        RunSpecLimits.METRICS_EVERY_STEPS.problem(metricsEverySteps).ifPresent(problems::add);
        RunSpecLimits.DATASET_LIMIT.problem(datasetLimit).ifPresent(problems::add);
        return problems;
    }

    /** What the run would cost on {@code data}, in longs (epochs x steps overflow ints), against the ceilings. */
    private List<String> sizeProblems(Catalog.Dataset data) {
        if (epochs < 1 || batchSize < 1 || checkpointEverySteps < 1 || datasetLimit < 0) {
            return List.of(); // already named
        }
        int images = datasetLimit > 0 ? Math.min(datasetLimit, data.images()) : data.images();
        long stepsPerEpoch = images / batchSize;
        if (stepsPerEpoch == 0) {
            return List.of("batchSize " + batchSize + " is larger than the " + images + " images the run would use");
        }
        long steps = stepsPerEpoch * epochs;
        List<String> problems = new ArrayList<>();
        if (steps > MAX_STEPS) {
            problems.add(epochs + " epochs of " + stepsPerEpoch + " steps are " + steps + " steps; a run takes at most "
                    + MAX_STEPS);
        }
        long checkpoints = steps / checkpointEverySteps + epochs;
        if (checkpoints > MAX_CHECKPOINTS) {
            problems.add("a checkpoint every " + checkpointEverySteps + " steps and at every epoch's end are "
                    + checkpoints + " checkpoints; a run writes at most " + MAX_CHECKPOINTS
                    + " (raise checkpointEverySteps)");
        }
        return problems;
    }
}

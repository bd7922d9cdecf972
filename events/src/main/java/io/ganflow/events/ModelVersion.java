package io.ganflow.events;

/**
 * One version of a registered model: a stored checkpoint (run, step) with the quality figures it had when it was
 * registered and where it came from (the run's spec: data set, model family, settings and seed).
 *
 * @param number 1 for the model's first version, then 2, 3, ...
 * @param quality the checkpoint's figures when it was registered; null when it had none yet
 * @param datasetVersion which content of the data set: {@code built-in} for one read from its files, else
 *     {@code sha256:} and the SHA-256 of the uploaded pixels, as the store held them when the version was registered
 * @param numerics how the trainer that wrote the checkpoint computed, and on what (null for checkpoints written before
 *     that was recorded)
 * @param codeVersion the version of ganflow that registered it
 * @param unregisteredMillis when an operator unregistered it (its checkpoint is then no longer held against retention,
 *     and no alias may move to it); null while it is registered. Its number is never given to another version.
 */
public record ModelVersion(
        int version,
        String model,
        int number,
        String runId,
        long step,
        int epoch,
        CheckpointQuality quality,
        RunSpec spec,
        String datasetVersion,
        NumericsProvenance numerics,
        String codeVersion,
        long registeredMillis,
        Long unregisteredMillis) {

    public static final int VERSION = 1;

    public ModelVersion {
        Fields.version(version, VERSION, "ModelVersion");
        Ids.check(model, "model");
        Fields.atLeast(number, 1, "number");
        Ids.check(runId, "runId");
        Fields.atLeast(step, 0, "step");
        Fields.required(spec, "spec");
    }

    public boolean registered() {
        return unregisteredMillis == null;
    }

    /** This version, unregistered now. */
    public ModelVersion unregistered(long now) {
        return new ModelVersion(
                version,
                model,
                number,
                runId,
                step,
                epoch,
                quality,
                spec,
                datasetVersion,
                numerics,
                codeVersion,
                registeredMillis,
                now);
    }
}

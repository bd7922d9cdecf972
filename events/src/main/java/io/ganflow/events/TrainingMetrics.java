package io.ganflow.events;

/**
 * One point of a run's training curves, published every few steps on {@link #TOPIC}.
 *
 * <p>A reference classifier's run reports its cross-entropy as {@code lossD} and its accuracy on the (augmented)
 * training batches as {@code dReal}; it has no generator, so {@code lossG} and {@code dFake} are 0.
 *
 * @param dReal mean D(x): the discriminator's probability that real images are real
 * @param dFake mean D(G(z)): its probability that generated images are real
 */
public record TrainingMetrics(
        int version,
        String runId,
        int epoch,
        long step,
        double lossD,
        double lossG,
        double dReal,
        double dFake,
        double imagesPerSecond,
        long timeMillis) {

    public static final String TOPIC = "training-metrics";
    public static final int VERSION = 1;

    public TrainingMetrics {
        Fields.version(version, VERSION, "TrainingMetrics");
        Ids.check(runId, "runId");
        Fields.atLeast(epoch, 0, "epoch");
        Fields.atLeast(step, 0, "step");
    }
}

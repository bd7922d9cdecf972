package io.ganflow.events;

/**
 * The reference classifier that judges a data set's GANs: a completed classifier run, its final checkpoint and its
 * accuracy on the real held-out split. Chosen once per data set (the first to complete), so that every checkpoint of
 * every run on it is measured with the same yardstick.
 *
 * @param realFcdFloor the Fréchet distance in its features between the two halves of the real held-out split (n/2
 *     against n/2): how close two samples of real images are, the floor a generator's FCD can be read against
 */
public record ReferenceClassifierChoice(
        int version,
        String dataset,
        String runId,
        long step,
        String manifestKey,
        double heldOutAccuracy,
        int heldOutImages,
        double realFcdFloor) {

    public static final int VERSION = 1;

    public ReferenceClassifierChoice {
        Fields.version(version, VERSION, "ReferenceClassifierChoice");
        Fields.required(dataset, "dataset");
        Ids.check(runId, "runId");
        Fields.required(manifestKey, "manifestKey");
    }
}

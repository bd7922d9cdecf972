package io.ganflow.events;

import java.util.List;

/**
 * How good a checkpoint is, by its data set's reference classifier, published on {@link #TOPIC} (keyed by run) and
 * kept beside the run in the store. For a GAN: images generated from fixed seeds ({@code imagesPerClass} of each
 * class for a conditional model, {@code imagesPerClass} x classes in all for an unconditional one), the same for
 * every checkpoint of a run. For a reference classifier: its accuracy on the real held-out split.
 *
 * @param classifierRunId the reference classifier that judged (for a classifier: the run itself)
 * @param images how many images were measured
 * @param heldOutImages how many real held-out images the features are compared with (FCD's other side)
 * @param fcd Fréchet distance between the classifier's 128 features of the images and of the real held-out images;
 *     null for a classifier
 * @param classEntropyBits entropy of the mean predicted class distribution (log2 10 = 3.32 at most; near 0 when
 *     collapsed)
 * @param accuracy share of images the classifier sees as the class they were made for (conditional GANs) or, for a
 *     classifier, its accuracy on the held-out split; null for unconditional GANs
 * @param classAccuracy the same per class, in class order; empty when {@code accuracy} is null
 * @param confusion where the images of each requested class went: {@code confusion[requested][predicted]} counts
 *     images (rows sum to the images of that class); empty when {@code accuracy} is null, and in records written
 *     before it was added
 * @param precision improved precision (Kynkäänniemi et al., 2019) in the classifier's features, k = 3: the share of
 *     generated images inside the real images' manifold, against as many real held-out images as were generated;
 *     null for a classifier and in records written before it was added
 * @param recall the share of those real images inside the generated images' manifold (a collapsed generator keeps its
 *     precision and loses its recall)
 */
public record CheckpointQuality(
        int version,
        String runId,
        long step,
        int epoch,
        String dataset,
        String classifierRunId,
        long classifierStep,
        int images,
        int heldOutImages,
        Double fcd,
        double classEntropyBits,
        Double accuracy,
        List<Double> classAccuracy,
        long timeMillis,
        List<List<Integer>> confusion,
        Double precision,
        Double recall) {

    public static final String TOPIC = "checkpoint-quality";
    public static final int VERSION = 1;

    public CheckpointQuality {
        Fields.version(version, VERSION, "CheckpointQuality");
        Ids.check(runId, "runId");
        Ids.check(classifierRunId, "classifierRunId");
        Fields.required(dataset, "dataset");
        Fields.atLeast(step, 0, "step");
        Fields.atLeast(epoch, 0, "epoch");
        Fields.atLeast(images, 1, "images");
        classAccuracy = classAccuracy == null ? List.of() : List.copyOf(classAccuracy);
        confusion = confusion == null
                ? List.of()
                : confusion.stream().map(List::copyOf).toList();
        if (fcd != null && !(fcd >= 0)) {
            throw new IllegalArgumentException("fcd must be 0 or more, was " + fcd);
        }
        Fields.share(accuracy, "accuracy");
        Fields.share(precision, "precision");
        Fields.share(recall, "recall");
    }

    /** A record without precision and recall (a classifier's, or as written before they were measured). */
    public CheckpointQuality(
            int version,
            String runId,
            long step,
            int epoch,
            String dataset,
            String classifierRunId,
            long classifierStep,
            int images,
            int heldOutImages,
            Double fcd,
            double classEntropyBits,
            Double accuracy,
            List<Double> classAccuracy,
            long timeMillis,
            List<List<Integer>> confusion) {
        this(
                version,
                runId,
                step,
                epoch,
                dataset,
                classifierRunId,
                classifierStep,
                images,
                heldOutImages,
                fcd,
                classEntropyBits,
                accuracy,
                classAccuracy,
                timeMillis,
                confusion,
                null,
                null);
    }
}

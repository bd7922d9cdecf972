package io.ganflow.events;

import java.util.List;

/**
 * A data set as the API lists it: built in (read from files the dataset-service is pointed at) or uploaded by a
 * user (in the object store), with its image shape, class names and images per class.
 *
 * @param counts images of each class that runs train on
 * @param available false when a built-in data set's files are not where the dataset-service looks for them
 * @param skipped for uploads, the files that were not readable images, with the reason
 * @param heldOutCounts images of each class held out (the test split): never trained on, what quality is measured
 *     on; all 0 when the data set has none (uploads from before held-out splits, or with a class too small)
 */
public record DatasetInfo(
        String name,
        String source,
        int channels,
        int side,
        List<String> classes,
        List<Integer> counts,
        boolean available,
        List<String> skipped,
        List<Integer> heldOutCounts) {

    public static final String BUILT_IN = "built-in";
    public static final String UPLOADED = "uploaded";

    public static DatasetInfo of(UploadedDataset uploaded) {
        return new DatasetInfo(
                uploaded.name(),
                UPLOADED,
                uploaded.channels(),
                uploaded.side(),
                uploaded.classes(),
                uploaded.trainingCounts(),
                true,
                uploaded.skipped(),
                uploaded.heldOutCounts());
    }

    public int images() {
        return counts.stream().mapToInt(Integer::intValue).sum();
    }

    /** What a run needs to know to check that a model can train on it. */
    public Catalog.Dataset shape() {
        return new Catalog.Dataset(name, channels, side, classes.size(), true, images());
    }
}

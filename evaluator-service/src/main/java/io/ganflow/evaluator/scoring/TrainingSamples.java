package io.ganflow.evaluator.scoring;

import io.ganflow.evaluator.evaluation.DatasetServiceClient;
import io.ganflow.events.ImageBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Real training images for the real side of a score, asked of the dataset-service: exactly {@code counts[c]} images
 * of each class {@code c}, without repeats, the same for the same seed.
 */
@ApplicationScoped
public class TrainingSamples {

    private final DatasetServiceClient datasetService;

    public TrainingSamples(DatasetServiceClient datasetService) {
        this.datasetService = datasetService;
    }

    ImageBatch of(String dataset, int[] counts, long seed) {
        String what = "a training sample of " + dataset;
        DatasetServiceClient.Answer answer = datasetService.get(
                "/datasets/" + dataset + "/training-sample?counts="
                        + Arrays.stream(counts).mapToObj(Integer::toString).collect(Collectors.joining(","))
                        + "&seed=" + seed,
                what);
        if (answer.status() != 200) {
            // 404 (no such data set) or 422 (more images of a class than it has): the data set's fault, for good
            throw new ScoreFailure(
                    "the dataset-service cannot give as many real images (" + answer.status() + "): " + answer.text());
        }
        ImageBatch sample = DatasetServiceClient.batch(answer, what);
        int[] given = new int[counts.length];
        for (int label : sample.labels()) {
            if (label >= 0 && label < counts.length) {
                given[label]++;
            }
        }
        if (!Arrays.equals(given, counts)) {
            throw new ScoreFailure("the dataset-service's sample has " + Arrays.toString(given)
                    + " images of each class, " + "not the " + Arrays.toString(counts) + " asked for");
        }
        return sample;
    }
}

package io.ganflow.evaluator.evaluation;

import io.ganflow.events.Ids;
import io.ganflow.events.ImageBatch;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets' held-out splits, asked of the dataset-service once per data set and kept. Throws
 * {@link DatasetServiceClient.UnavailableException} while the dataset-service cannot answer.
 */
@ApplicationScoped
public class HeldOutSplits {

    private final DatasetServiceClient datasetService;
    private final Map<String, ImageBatch> kept = new ConcurrentHashMap<>();

    public HeldOutSplits(DatasetServiceClient datasetService) {
        this.datasetService = datasetService;
    }

    /** The held-out split of {@code dataset} as one batch, or empty when it has none (an uploaded data set). */
    public Optional<ImageBatch> of(String dataset) {
        if (!Ids.isValid(dataset)) {
            return Optional.empty(); // never a path of the dataset-service's API
        }
        ImageBatch split = kept.get(dataset);
        if (split != null) {
            return Optional.of(split);
        }
        String what = "the held-out split of " + dataset;
        DatasetServiceClient.Answer answer = datasetService.get("/datasets/" + dataset + "/held-out", what);
        if (answer.status() == 404) {
            return Optional.empty();
        }
        if (answer.status() != 200) {
            throw new DatasetServiceClient.UnavailableException(
                    "dataset-service answered " + answer.status() + " for " + what + ": " + answer.text());
        }
        split = DatasetServiceClient.batch(answer, what);
        kept.put(dataset, split);
        return Optional.of(split);
    }
}

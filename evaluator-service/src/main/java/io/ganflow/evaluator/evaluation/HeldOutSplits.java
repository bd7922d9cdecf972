package io.ganflow.evaluator.evaluation;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.Ids;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The data sets' held-out splits, asked of the dataset-service (which owns the data) once per data set and kept.
 * Throws {@link UnavailableException} while the dataset-service cannot answer.
 */
@ApplicationScoped
public class HeldOutSplits {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final Map<String, ImageBatch> kept = new ConcurrentHashMap<>();

    public HeldOutSplits(EvaluationConfig config) {
        this.baseUrl = config.datasetServiceUrl().replaceAll("/+$", "");
    }

    /** A fault outside the evaluator (the dataset-service is away or failing): worth trying again later. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
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
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/datasets/" + dataset + "/held-out"))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UnavailableException("dataset-service at " + baseUrl + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking the dataset-service");
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new UnavailableException(
                    "dataset-service answered " + response.statusCode() + " for the held-out split of " + dataset + ": "
                            + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
        }
        try {
            split = ImageBatchCodec.decode(response.body());
        } catch (MalformedEventException e) {
            throw new UnavailableException("the held-out split of " + dataset + " came garbled: " + e.getMessage());
        }
        kept.put(dataset, split);
        return Optional.of(split);
    }
}

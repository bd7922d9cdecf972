package io.ganflow.evaluator.evaluation;

import io.ganflow.evaluator.config.EvaluationConfig;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.events.MalformedEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Asks the dataset-service (which owns the data) for images in the batch format. Throws {@link UnavailableException}
 * while it cannot answer, so that callers wait that out; its answers (a 404, a 422) are the caller's to read.
 */
@ApplicationScoped
public class DatasetServiceClient {

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public DatasetServiceClient(EvaluationConfig config) {
        this.baseUrl = config.datasetServiceUrl().replaceAll("/+$", "");
    }

    /** A fault outside the evaluator (the dataset-service is away or failing): worth trying again later. */
    public static final class UnavailableException extends RuntimeException {
        public UnavailableException(String message) {
            super(message);
        }
    }

    /** An answer: its status and body. */
    public record Answer(int status, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** GET {@code path} (from the service's root, query included); {@code what} names it in errors. */
    public Answer get(String path, String what) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .GET()
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() >= 500) {
                throw new UnavailableException("dataset-service answered " + response.statusCode() + " for " + what
                        + ": " + new String(response.body(), StandardCharsets.UTF_8));
            }
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UnavailableException("dataset-service at " + baseUrl + " did not answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking the dataset-service");
        }
    }

    /** The images of a 200 answer; a body that is no batch came garbled on the way (worth asking again). */
    public static ImageBatch batch(Answer answer, String what) {
        try {
            return ImageBatchCodec.decode(answer.body());
        } catch (MalformedEventException e) {
            throw new UnavailableException(what + " came garbled: " + e.getMessage());
        }
    }
}

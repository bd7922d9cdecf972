package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** The gateway's API as the end-to-end tests call it, with the operator's key. */
final class GatewayApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private GatewayApi() {}

    static HttpResponse<byte[]> get(String path) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(LocalStack.gateway().url() + path))
                        .header("X-API-Key", LocalStack.OPERATOR_KEY)
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    static HttpResponse<byte[]> send(String path, Map<String, Object> body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(LocalStack.gateway().url() + path))
                        .header("Content-Type", "application/json")
                        .header("X-API-Key", LocalStack.OPERATOR_KEY)
                        .timeout(Duration.ofSeconds(60))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A PUT of a JSON body, with {@code If-Match} when it is given. */
    static HttpResponse<byte[]> put(String path, Map<String, Object> body, String ifMatch) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create(LocalStack.gateway().url() + path))
                .header("Content-Type", "application/json")
                .header("X-API-Key", LocalStack.OPERATOR_KEY)
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (ifMatch != null) {
            request.header("If-Match", ifMatch);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** POSTs and expects 201 Created; returns the body. */
    static JsonNode post(String path, Map<String, Object> body) throws Exception {
        HttpResponse<byte[]> response = send(path, body);
        assertTrue(
                response.statusCode() == 201,
                "POST " + path + ": " + response.statusCode() + " " + new String(response.body()));
        return JSON.readTree(response.body());
    }

    /** The run as the gateway shows it, or null while it does not know it. */
    static JsonNode run(String runId) throws Exception {
        HttpResponse<byte[]> response = get("/api/v1/runs/" + runId);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    static JsonNode awaitStep(String runId, long step, Duration timeout) throws Exception {
        return Eventually.within(timeout, "run " + runId + " at step " + step, () -> {
            JsonNode run = run(runId);
            return run != null && run.get("step").asLong() >= step ? run : null;
        });
    }

    static JsonNode awaitState(String runId, String state, Duration timeout) throws Exception {
        return Eventually.within(timeout, "run " + runId + " " + state, () -> {
            JsonNode run = run(runId);
            if (run != null && run.get("state").asText().equals("FAILED") && !state.equals("FAILED")) {
                throw new AssertionError(
                        "run " + runId + " failed: " + run.get("message").asText());
            }
            return run != null && state.equals(run.get("state").asText()) ? run : null;
        });
    }
}

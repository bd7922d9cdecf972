package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.post;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service serves Prometheus metrics on /q/metrics, the trainer's and the dataset-service's count the work of a
 * run, and the Grafana dashboard shipped in k8s/ asks only for metrics that the services really expose.
 */
@ExtendWith(LocalStack.class)
class MetricsEndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** In the dashboard's queries every metric is written with a selector or a range: name{...} or name[...]. */
    private static final Pattern METRIC = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*[{\\[]");

    @Test
    void everyServiceServesMetricsAndTheDashboardAsksOnlyForMetricsThatExist() throws Exception {
        String runId = post("/api/v1/runs", Map.of("epochs", 1, "batchSize", 50, "datasetLimit", 200, "seed", 9))
                .get("runId")
                .asText();
        awaitState(runId, "COMPLETED", Duration.ofMinutes(5));

        Map<String, Double> exposed = new HashMap<>();
        for (ServiceProcess service : LocalStack.services()) {
            HttpResponse<String> metrics = HTTP.send(
                    HttpRequest.newBuilder(URI.create(service.url() + "/q/metrics"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, metrics.statusCode(), service.url() + "/q/metrics");
            Map<String, Double> ofService = samples(metrics.body());
            assertTrue(ofService.containsKey("jvm_memory_used_bytes"), service.url());
            ofService.forEach((name, value) -> exposed.merge(name, value, Double::sum));
        }
        assertTrue(exposed.get("ganflow_trainer_images_total") >= 200, "the run's 200 images were counted");
        assertTrue(exposed.get("ganflow_trainer_steps_total") >= 4);
        assertTrue(exposed.get("ganflow_dataset_batches_published_total") >= 4);
        assertTrue(exposed.get("ganflow_dataset_bytes_published_total") >= 4 * 50 * 784);
        assertTrue(exposed.get("ganflow_trainer_checkpoint_write_seconds_count") >= 1);
        assertTrue(exposed.containsKey("kafka_consumer_fetch_manager_records_lag_max"), "the trainers' lag");
        assertTrue(exposed.containsKey("ganflow_gateway_rate_limited_total"));
        assertTrue(exposed.containsKey("http_server_requests_seconds_count"));

        JsonNode dashboard = GatewayApi.JSON.readTree(
                Path.of("..", "k8s", "base", "grafana-dashboard.json").toFile());
        Set<String> asked = new HashSet<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText();
                Matcher metric = METRIC.matcher(expr);
                boolean any = false;
                while (metric.find()) {
                    if (!metric.group(1).equals("by")) {
                        asked.add(metric.group(1));
                        any = true;
                    }
                }
                assertTrue(any, panel.get("title").asText() + ": no metric found in " + expr);
            }
        }
        Set<String> missing = new HashSet<>(asked);
        missing.removeAll(exposed.keySet());
        assertTrue(missing.isEmpty(), "the dashboard asks for metrics no service exposes: " + missing);
        assertFalse(asked.isEmpty());
    }

    /** Each sample's metric name and value (summed over its labels) in the Prometheus text format. */
    private static Map<String, Double> samples(String exposition) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int nameEnd = line.indexOf('{') >= 0 ? line.indexOf('{') : line.indexOf(' ');
            String name = line.substring(0, nameEnd);
            String value = line.substring(line.lastIndexOf(' ') + 1);
            double parsed;
            try {
                parsed = Double.parseDouble(value);
            } catch (NumberFormatException e) {
                parsed = 0;
            }
            samples.merge(name, Double.isNaN(parsed) ? 0 : parsed, Double::sum);
        }
        return samples;
    }
}

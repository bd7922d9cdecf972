package io.ganflow.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A hostile or careless client against the running gateway, black box: hundreds of malformed requests covering every
 * endpoint and every parameter (types, ranges, overflow, encodings, traversal, sizes, content types, keys, a cookie
 * sent from another site). Each must be answered with a 4xx problem+json whose status is the answer's; the few that
 * the HTTP layer refuses before the gateway sees them (a request line it cannot parse, a URI or headers over its
 * limits) may come without a body, as the README documents. Afterwards every service is still ready.
 */
@ExtendWith(LocalStack.class)
class MalformedRequestCorpusTest {

    /** Refused by Vert.x / Quarkus while parsing, before any handler: documented, no body. */
    private static final Set<Integer> BARE = Set.of(400, 414, 431);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String OPERATOR = "X-API-Key: " + LocalStack.OPERATOR_KEY;
    private static final String READER = "X-API-Key: " + LocalStack.READER_KEY;
    private static final String JSON_TYPE = "Content-Type: application/json";

    private record Case(
            String name, String method, String target, byte[] body, String[] headers, boolean bareAllowed) {}

    private final List<Case> corpus = new ArrayList<>();

    @Test
    void everyMalformedRequestIsRefusedWithAProblemAndEveryServiceStaysReady() throws Exception {
        badIdsInEveryPathPosition();
        badQueryParameters();
        badRunBodies();
        badSyntheticDatasetBodies();
        badUploads();
        badModelRequests();
        badStudies();
        missingWrongAndCrossSiteKeys();
        framesTheHttpLayerRefuses();

        Map<String, String> failures = new TreeMap<>();
        Map<Integer, Integer> byStatus = new TreeMap<>();
        long started = System.nanoTime();
        for (Case c : corpus) {
            long sent = System.nanoTime();
            RawHttp.Answer answer = RawHttp.send(28080, c.method(), c.target(), c.body(), c.headers());
            if (System.nanoTime() - sent > 5_000_000_000L) {
                System.out.printf("slow answer (%d ms) to %s%n", (System.nanoTime() - sent) / 1_000_000, c.name());
            }
            byStatus.merge(answer.status(), 1, Integer::sum);
            problemWith(c, answer).ifPresent(problem -> failures.put(c.name(), problem));
        }
        System.out.printf(
                "malformed request corpus: %d requests in %d ms, answers by status %s%n",
                corpus.size(), (System.nanoTime() - started) / 1_000_000, byStatus);
        assertTrue(corpus.size() >= 200, "a corpus of at least 200 requests, was " + corpus.size());
        assertTrue(failures.isEmpty(), failures.size() + " answers were not 4xx problems: " + failures);
        assertTrue(LocalStack.allReady(), "every service is ready after the corpus");
    }

    private static java.util.Optional<String> problemWith(Case c, RawHttp.Answer answer) {
        String summary = answer.status() + " " + answer.header("content-type") + " "
                + answer.text().substring(0, Math.min(160, answer.text().length()));
        if (answer.status() < 400 || answer.status() >= 500) {
            return java.util.Optional.of(summary);
        }
        if (answer.body().length == 0 && c.bareAllowed() && BARE.contains(answer.status())) {
            return java.util.Optional.empty();
        }
        if (!answer.header("content-type").startsWith("application/problem+json")) {
            return java.util.Optional.of(summary);
        }
        try {
            JsonNode problem = JSON.readTree(answer.body());
            if (problem.path("status").asInt() != answer.status()
                    || problem.path("title").asText().isBlank()) {
                return java.util.Optional.of("a problem that does not match its answer: " + summary);
            }
        } catch (java.io.IOException e) {
            return java.util.Optional.of("a problem that is not JSON: " + summary);
        }
        return java.util.Optional.empty();
    }

    private void add(String name, String method, String target, String body, String... headers) {
        corpus.add(new Case(
                name, method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers, false));
    }

    private void badIdsInEveryPathPosition() {
        List<String> badIds = List.of(
                "..",
                "..%2F..%2Fdatasets%2Fx",
                "%2e%2e",
                "Upper",
                "-leading-dash",
                "a".repeat(64),
                "a%20b",
                "a%00b",
                "%C3%A9t%C3%A9",
                "a%2Fb",
                "a.b",
                "under_score",
                "a%0D%0AX-Injected:%201");
        Map<String, String> runTargets = new LinkedHashMap<>();
        runTargets.put("GET run", "/api/v1/runs/%s");
        runTargets.put("GET metrics", "/api/v1/runs/%s/metrics");
        runTargets.put("GET events", "/api/v1/runs/%s/events");
        runTargets.put("GET grid", "/api/v1/runs/%s/grid");
        runTargets.put("GET images", "/api/v1/runs/%s/images");
        runTargets.put("GET checkpoints", "/api/v1/runs/%s/checkpoints");
        runTargets.put("GET samples", "/api/v1/runs/%s/checkpoints/10/samples.png");
        runTargets.put("GET data set", "/api/v1/datasets/%s");
        runTargets.put("GET synthetic", "/api/v1/synthetic-datasets/%s");
        runTargets.put("GET model", "/api/v1/models/%s");
        runTargets.put("GET model images", "/api/v1/models/%s/images");
        runTargets.put("GET model grid", "/api/v1/models/%s/grid");
        runTargets.put("GET study", "/api/v1/studies/%s");
        runTargets.put("GET alias", "/api/v1/models/m1/aliases/%s");
        runTargets.put("GET alias history", "/api/v1/models/m1/aliases/%s/history");
        for (String id : badIds) {
            runTargets.forEach((what, target) -> add(what + " " + id, "GET", target.formatted(id), null, OPERATOR));
            add("POST stop " + id, "POST", "/api/v1/runs/" + id + "/stop", null, OPERATOR);
            add("DELETE model version " + id, "DELETE", "/api/v1/models/" + id + "/versions/1", null, OPERATOR);
            add("PUT data set " + id, "PUT", "/api/v1/datasets/" + id, "PK", OPERATOR, "Content-Type: application/zip");
        }
        for (String step : List.of("abc", "-1", "1.5", "1e3", "99999999999999999999", "1000000000000", "0x10")) {
            add("samples step " + step, "GET", "/api/v1/runs/r1/checkpoints/" + step + "/samples.png", null, OPERATOR);
        }
    }

    private void badQueryParameters() {
        Map<String, List<String>> badValues = new LinkedHashMap<>();
        badValues.put("count", List.of("abc", "0", "-1", "101", "1.5", "99999999999999999999", "", "%201", "1,2"));
        badValues.put("columns", List.of("0", "21", "x", "-5", "2147483648"));
        badValues.put("class", List.of("-1", "10", "x", "1e1"));
        badValues.put("seed", List.of("1e3", "x", "99999999999999999999", "0.5"));
        badValues.put("step", List.of("-1", "x", "1000000000000", "NaN"));
        for (Map.Entry<String, List<String>> parameter : badValues.entrySet()) {
            for (String value : parameter.getValue()) {
                for (String endpoint : List.of("grid", "images")) {
                    if (endpoint.equals("grid") && parameter.getKey().matches("count|class")) {
                        continue;
                    }
                    add(
                            endpoint + " " + parameter.getKey() + "=" + value,
                            "GET",
                            "/api/v1/runs/r1/" + endpoint + "?" + parameter.getKey() + "=" + value,
                            null,
                            OPERATOR);
                }
            }
        }
        for (String query : List.of("after=-2", "after=x", "limit=0", "limit=1001", "limit=x", "limit=1&limit=2")) {
            add("checkpoints " + query, "GET", "/api/v1/runs/r1/checkpoints?" + query, null, OPERATOR);
        }
        add("images count twice", "GET", "/api/v1/runs/r1/images?count=1&count=2", null, OPERATOR);
        for (String query : List.of("side=7", "side=129", "side=x", "channels=2", "channels=x", "side=32&side=32")) {
            add(
                    "upload " + query,
                    "PUT",
                    "/api/v1/datasets/ok-name?" + query,
                    "PK",
                    OPERATOR,
                    "Content-Type: application/zip");
        }
        add("images Accept xml", "GET", "/api/v1/runs/r1/images", null, OPERATOR, "Accept: application/xml");
        add("runs Accept xml", "GET", "/api/v1/runs", null, OPERATOR, "Accept: application/xml");
    }

    private void badRunBodies() {
        List<String> bodies = List.of(
                "{\"epochz\": 1}",
                "{\"epochs\": 1.5}",
                "{\"epochs\": \"1\"}",
                "{\"epochs\": true}",
                "{\"epochs\": null, \"batchSize\": \"64\"}",
                "{\"epochs\": 0}",
                "{\"epochs\": -1}",
                "{\"epochs\": 10001}",
                "{\"epochs\": 99999999999999999999}",
                "{\"batchSize\": 0}",
                "{\"batchSize\": 1025}",
                "{\"batchSize\": 100000, \"datasetLimit\": 10}",
                "{\"learningRate\": 0}",
                "{\"learningRate\": 1}",
                "{\"learningRate\": \"fast\"}",
                "{\"beta1\": 1}",
                "{\"beta2\": -0.1}",
                "{\"latentSize\": 0}",
                "{\"latentSize\": 4096}",
                "{\"checkpointEverySteps\": 0}",
                "{\"checkpointEverySteps\": 1, \"epochs\": 10000}",
                "{\"metricsEverySteps\": 0}",
                "{\"seed\": 1.5}",
                "{\"seed\": \"42\"}",
                "{\"datasetLimit\": -1}",
                "{\"model\": \"vae\"}",
                "{\"model\": 5}",
                "{\"model\": [\"cgan-fashion-mnist\"]}",
                "{\"dataset\": \"imagenet\"}",
                "{\"dataset\": \"../../etc\"}",
                "{\"model\": \"cgan-fashion-mnist\", \"dataset\": \"cifar-10\"}",
                "{\"runId\": \"../escape\"}",
                "{\"runId\": \"UPPER\"}",
                "{\"runId\": \"" + "a".repeat(70) + "\"}",
                "{\"epochs\": 1, \"epochs\": 2}",
                "{\"epochs\": 1} trailing",
                "{\"epochs\": ",
                "[]",
                "\"a string\"",
                "42",
                "{\"spec\": {\"nested\": true}}",
                "{\"epochs\": 1}}");
        for (String body : bodies) {
            add("start run " + body, "POST", "/api/v1/runs", body, OPERATOR, JSON_TYPE);
        }
        corpus.add(new Case(
                "start run not UTF-8",
                "POST",
                "/api/v1/runs",
                new byte[] {'{', '"', 'm', 'o', 'd', 'e', 'l', '"', ':', '"', (byte) 0xff, '"', '}'},
                new String[] {OPERATOR, JSON_TYPE},
                false));
        add("start run as text", "POST", "/api/v1/runs", "epochs=1", OPERATOR, "Content-Type: text/plain");
        add(
                "start run as form",
                "POST",
                "/api/v1/runs",
                "epochs=1",
                OPERATOR,
                "Content-Type: application/x-www-form-urlencoded");
        add("start run as xml", "POST", "/api/v1/runs", "<run/>", OPERATOR, "Content-Type: application/xml");
        add("start run 70 KB", "POST", "/api/v1/runs", "{\"seed\": 1" + " ".repeat(70_000) + "}", OPERATOR, JSON_TYPE);
        add("start run lying length", "POST", "/api/v1/runs", "{}", OPERATOR, JSON_TYPE, "Content-Length: 99999999");
        add(
                "start run chunked",
                "POST",
                "/api/v1/runs",
                "2\r\n{}\r\n0\r\n\r\n",
                OPERATOR,
                JSON_TYPE,
                "Transfer-Encoding: chunked");
        add("stop unknown run", "POST", "/api/v1/runs/no-such-run/stop", null, OPERATOR);
    }

    private void badSyntheticDatasetBodies() {
        List<String> bodies = List.of(
                "{}",
                "{\"runId\": \"r1\"}",
                "{\"runId\": \"r1\", \"imagesPerClass\": 429496730}",
                "{\"runId\": \"r1\", \"imagesPerClass\": 0}",
                "{\"runId\": \"r1\", \"imagesPerClass\": -5}",
                "{\"runId\": \"r1\", \"imagesPerClass\": \"10\"}",
                "{\"runId\": \"r1\", \"imagesPerClass\": 1.5}",
                "{\"runId\": \"r1\", \"counts\": [2147483647, 2147483647, 2]}",
                "{\"runId\": \"r1\", \"counts\": [-1, 2]}",
                "{\"runId\": \"r1\", \"counts\": []}",
                "{\"runId\": \"r1\", \"counts\": [1,1,1,1,1,1,1,1,1,1,1]}",
                "{\"runId\": \"r1\", \"counts\": [null]}",
                "{\"runId\": \"r1\", \"counts\": [\"1\"]}",
                "{\"runId\": \"r1\", \"counts\": 5}",
                "{\"runId\": \"r1\", \"counts\": [1], \"imagesPerClass\": 1}",
                "{\"runId\": \"r1\", \"counts\": [60001]}",
                "{\"runId\": \"r1\", \"counts\": [1], \"format\": \"tiff\"}",
                "{\"runId\": \"r1\", \"counts\": [1], \"format\": 1}",
                "{\"runId\": \"r1\", \"counts\": [1], \"step\": -1}",
                "{\"runId\": \"r1\", \"counts\": [1], \"step\": \"latest\"}",
                "{\"runId\": \"r1\", \"counts\": [1], \"seed\": 1.5}",
                "{\"runId\": \"r1\", \"counts\": [1], \"score\": \"yes\"}",
                "{\"runId\": \"r1\", \"counts\": [1], \"score\": 1}",
                "{\"runId\": \"../x\", \"counts\": [1]}",
                "{\"runId\": \"no-such-run\", \"counts\": [1]}",
                "{\"runId\": 5, \"counts\": [1]}",
                "{\"runId\": \"r1\", \"model\": \"clothes\", \"counts\": [1]}",
                "{\"model\": \"clothes\", \"step\": 10, \"counts\": [1]}",
                "{\"model\": \"clothes\", \"step\": \"best\", \"counts\": [1]}",
                "{\"model\": \"../x\", \"counts\": [1]}",
                "{\"model\": \"Clothes\", \"counts\": [1]}",
                "{\"model\": 7, \"counts\": [1]}",
                "{\"model\": \"no-such-model\", \"counts\": [1]}",
                "{\"model\": \"clothes\", \"alias\": \"prod/../x\", \"counts\": [1]}",
                "{\"model\": \"clothes\", \"alias\": [\"production\"], \"counts\": [1]}",
                "{\"runId\": \"r1\", \"alias\": \"production\", \"counts\": [1]}",
                "[1]",
                "{broken");
        for (String body : bodies) {
            add("synthetic " + body, "POST", "/api/v1/synthetic-datasets", body, OPERATOR, JSON_TYPE);
        }
        add("synthetic as text", "POST", "/api/v1/synthetic-datasets", "{}", OPERATOR, "Content-Type: text/plain");
    }

    private void badUploads() {
        add("upload empty", "PUT", "/api/v1/datasets/" + unique(), "", OPERATOR, "Content-Type: application/zip");
        add(
                "upload built-in name",
                "PUT",
                "/api/v1/datasets/fashion-mnist",
                "PK",
                OPERATOR,
                "Content-Type: application/zip");
        add("upload as JSON", "PUT", "/api/v1/datasets/" + unique(), "{}", OPERATOR, JSON_TYPE);
        add("upload as text", "PUT", "/api/v1/datasets/" + unique(), "hello", OPERATOR, "Content-Type: text/plain");
        add(
                "upload declaring 100 GB",
                "PUT",
                "/api/v1/datasets/" + unique(),
                "PK",
                OPERATOR,
                "Content-Type: application/zip",
                "Content-Length: 100000000000");
        add(
                "upload not an archive",
                "PUT",
                "/api/v1/datasets/" + unique(),
                "this is no zip",
                OPERATOR,
                "Content-Type: application/zip");
        add(
                "upload truncated zip",
                "PUT",
                "/api/v1/datasets/" + unique(),
                "PK\u0003\u0004garbage",
                OPERATOR,
                "Content-Type: application/zip");
        add(
                "upload truncated gzip",
                "PUT",
                "/api/v1/datasets/" + unique(),
                "\u001f\u008bgarbage",
                OPERATOR,
                "Content-Type: application/gzip");
    }

    private void badModelRequests() {
        String model = "/api/v1/models/" + unique();
        String[] json = {OPERATOR, JSON_TYPE};
        add("model without a body", "PUT", model, null, json);
        add("model without its data set", "PUT", model, "{\"family\":\"cgan-fashion-mnist\"}", json);
        add("model of a number", "PUT", model, "{\"dataset\":1,\"family\":\"cgan-fashion-mnist\"}", json);
        add(
                "model with an unknown field",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"cgan-fashion-mnist\",\"owner\":\"x\"}",
                json);
        add(
                "model of a classifier family",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"classifier-fashion-mnist\"}",
                json);
        add(
                "policy of a string",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"cgan-fashion-mnist\",\"policy\":\"always\"}",
                json);
        add(
                "policy without rules",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"cgan-fashion-mnist\",\"policy\":{\"rules\":[]}}",
                json);
        add(
                "policy of an unknown figure",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"cgan-fashion-mnist\",\"policy\":{\"rules\":"
                        + "[{\"alias\":\"staging\",\"when\":[{\"figure\":\"is\",\"atLeast\":1}]}]}}",
                json);
        add(
                "policy of a billion rules' threshold",
                "PUT",
                model,
                "{\"dataset\":\"fashion-mnist\",\"family\":\"cgan-fashion-mnist\",\"policy\":{\"rules\":"
                        + "[{\"alias\":\"staging\",\"when\":[{\"figure\":\"accuracy\",\"atLeast\":1e9}]}]}}",
                json);
        add("version of no model", "POST", "/api/v1/models/" + unique() + "/versions", "{\"runId\":\"r1\"}", json);
        add("version without a run", "POST", model + "/versions", "{}", json);
        add("version of a bad step", "POST", model + "/versions", "{\"runId\":\"r1\",\"step\":\"soon\"}", json);
        add("alias move of a string", "PUT", model + "/aliases/production", "{\"version\":\"one\"}", json);
        add("alias move without a version", "PUT", model + "/aliases/production", "{}", json);
        add(
                "alias move of a bad If-Match",
                "PUT",
                model + "/aliases/production",
                "{\"version\":1}",
                OPERATOR,
                JSON_TYPE,
                "If-Match: yesterday");
        add("alias move by a reader", "PUT", model + "/aliases/production", "{\"version\":1}", READER, JSON_TYPE);
        add("images of an unknown alias", "GET", model + "/images?alias=nowhere", null, OPERATOR);
        add("images of a bad class", "GET", model + "/images?class=10", null, OPERATOR);
        add("grid of an unknown alias", "GET", model + "/grid?alias=nowhere", null, OPERATOR);
        add("grid of too many columns", "GET", model + "/grid?columns=1000", null, OPERATOR);
        add("grid of a bad alias", "GET", model + "/grid?alias=..", null, OPERATOR);
        for (String number : List.of("0", "-1", "one", "1.5", "99999999999", "%00")) {
            add("unregister version " + number, "DELETE", model + "/versions/" + number, null, OPERATOR);
        }
        add("unregister a version of no model", "DELETE", "/api/v1/models/" + unique() + "/versions/1", null, OPERATOR);
        add("unregister by a reader", "DELETE", model + "/versions/1", null, READER);
    }

    private void badStudies() {
        String[] json = {OPERATOR, JSON_TYPE};
        String rest = "\"method\":\"grid\",\"budget\":{\"maxTrials\":2,\"maxConcurrent\":1},"
                + "\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"}";
        String seeds = "\"space\":{\"seed\":{\"values\":[1,2]}}";
        List<String> bodies = List.of(
                "{" + rest + "}",
                "{\"space\":{}," + rest + "}",
                "{\"space\":{\"seed\":{\"values\":[]}}," + rest + "}",
                "{\"space\":{\"seed\":{\"values\":[" + "1,".repeat(200) + "1]}}," + rest + "}",
                "{\"space\":{\"seed\":{\"values\":" + "[1,2,3,4,5,6,7,8,9,10]" + "},\"epochs\":{\"values\":"
                        + "[1,2,3,4,5,6,7,8,9,10]},\"latentSize\":{\"values\":[1,2,3,4,5,6,7,8,9,10]},"
                        + "\"batchSize\":{\"values\":[1,2,3,4,5,6,7,8,9,10]},\"beta1\":{\"values\":"
                        + "[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95]},\"beta2\":{\"values\":"
                        + "[0.1,0.2,0.3,0.4,0.5,0.6,0.7,0.8,0.9,0.95]}}," + rest + "}",
                "{\"space\":{\"colour\":{\"values\":[1]}}," + rest + "}",
                "{\"space\":{\"learningRate\":{\"min\":0.1,\"max\":0.01}}," + rest + "}",
                "{\"space\":{\"learningRate\":{\"values\":[\"fast\"]}}," + rest + "}",
                "{" + seeds + ",\"method\":\"grid\",\"budget\":{\"maxTrials\":0,\"maxConcurrent\":1},"
                        + "\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"}}",
                "{" + seeds + ",\"method\":\"grid\",\"budget\":{\"maxTrials\":1000000000,\"maxConcurrent\":1},"
                        + "\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"}}",
                "{" + seeds + ",\"method\":\"annealing\",\"budget\":{\"maxTrials\":2,\"maxConcurrent\":1},"
                        + "\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"}}",
                "{" + seeds + ",\"method\":\"random\",\"budget\":{\"maxTrials\":2,\"maxConcurrent\":1},"
                        + "\"objective\":{\"figure\":\"fcd\",\"at\":\"best\"}}",
                "{" + seeds + ",\"method\":\"grid\",\"budget\":{\"maxTrials\":2,\"maxConcurrent\":1},"
                        + "\"objective\":{\"figure\":\"beauty\",\"at\":\"best\"}}",
                "{" + seeds + "," + rest + ",\"earlyStopping\":{\"rule\":\"hyperband\",\"graceCheckpoints\":1}}",
                "{" + seeds + "," + rest + ",\"earlyStopping\":{\"rule\":\"median\",\"graceCheckpoints\":0}}",
                "{" + seeds + "," + rest + ",\"studyId\":\"../x\"}",
                "{" + seeds + "," + rest + ",\"base\":{\"runId\":\"mine\"}}",
                "{" + seeds + "," + rest + ",\"model\":\"no-such-model\"}",
                "{" + seeds + "," + rest + ",\"budget\":\"all\"}",
                "[1]",
                "{broken");
        for (int i = 0; i < bodies.size(); i++) {
            String body = bodies.get(i);
            add(
                    "study " + i + " " + body.substring(0, Math.min(body.length(), 80)),
                    "POST",
                    "/api/v1/studies",
                    body,
                    json);
        }
        add("study by a reader", "POST", "/api/v1/studies", "{" + seeds + "," + rest + "}", READER, JSON_TYPE);
    }

    private void missingWrongAndCrossSiteKeys() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        endpoints.put("/api/v1/runs", "GET");
        endpoints.put("/api/v1/runs/r1", "GET");
        endpoints.put("/api/v1/runs/r1/metrics", "GET");
        endpoints.put("/api/v1/runs/r1/events", "GET");
        endpoints.put("/api/v1/runs/r1/grid", "GET");
        endpoints.put("/api/v1/runs/r1/images", "GET");
        endpoints.put("/api/v1/runs/r1/checkpoints", "GET");
        endpoints.put("/api/v1/runs/r1/checkpoints/1/samples.png", "GET");
        endpoints.put("/api/v1/datasets", "GET");
        endpoints.put("/api/v1/datasets/fashion-mnist", "GET");
        endpoints.put("/api/v1/synthetic-datasets", "GET");
        endpoints.put("/api/v1/synthetic-datasets/syn-1", "GET");
        endpoints.put("/api/v1/session", "POST");
        endpoints.put("/api/v1/session", "GET");
        endpoints.put("/api/v1/events", "GET");
        endpoints.put("/api/v1/run-options", "GET");
        endpoints.forEach((target, method) -> {
            add("no key " + method + " " + target, method, target, null);
            add("unknown key " + method + " " + target, method, target, null, "X-API-Key: not-a-key");
            add("empty bearer " + method + " " + target, method, target, null, "Authorization: Bearer ");
        });
        Map<String, String> changes = new LinkedHashMap<>();
        changes.put("/api/v1/runs", "{}");
        changes.put("/api/v1/runs/r1/stop", null);
        changes.put("/api/v1/synthetic-datasets", "{\"runId\":\"r1\",\"counts\":[1]}");
        changes.forEach((target, body) -> {
            add("reader key POST " + target, "POST", target, body, READER, JSON_TYPE);
            add("no key POST " + target, "POST", target, body, JSON_TYPE);
            String cookie = "Cookie: ganflow-key=" + LocalStack.OPERATOR_KEY;
            add(
                    "cross-site cookie POST " + target,
                    "POST",
                    target,
                    body,
                    cookie,
                    JSON_TYPE,
                    "Origin: https://evil.example",
                    "Sec-Fetch-Site: cross-site");
            add("cookie without origin POST " + target, "POST", target, body, cookie, JSON_TYPE);
            add(
                    "cookie from a sibling site POST " + target,
                    "POST",
                    target,
                    body,
                    cookie,
                    JSON_TYPE,
                    "Sec-Fetch-Site: same-site");
            add("cookie from a sandbox POST " + target, "POST", target, body, cookie, JSON_TYPE, "Origin: null");
        });
        add(
                "reader key PUT data set",
                "PUT",
                "/api/v1/datasets/" + unique(),
                "PK",
                READER,
                "Content-Type: application/zip");
        add(
                "session from the cookie",
                "POST",
                "/api/v1/session",
                null,
                "Cookie: ganflow-key=" + LocalStack.OPERATOR_KEY,
                "Sec-Fetch-Site: same-origin");
    }

    private void framesTheHttpLayerRefuses() {
        add("unknown route", "GET", "/api/v1/nothing-here", null, OPERATOR);
        add("unknown version", "GET", "/api/v2/runs", null, OPERATOR);
        add("DELETE runs", "DELETE", "/api/v1/runs", null, OPERATOR);
        add("PUT run", "PUT", "/api/v1/runs/r1", "{}", OPERATOR, JSON_TYPE);
        add("POST data sets", "POST", "/api/v1/datasets", "{}", OPERATOR, JSON_TYPE);
        add("TRACE runs", "TRACE", "/api/v1/runs", null, OPERATOR);
        add("PATCH synthetic", "PATCH", "/api/v1/synthetic-datasets", "{}", OPERATOR, JSON_TYPE);
        corpus.add(new Case(
                "broken percent-encoding in the path", "GET", "/api/v1/runs/%zz", null, new String[] {OPERATOR}, true));
        corpus.add(new Case(
                "broken percent-encoding in the query",
                "GET",
                "/api/v1/runs/r1/grid?seed=%zz",
                null,
                new String[] {OPERATOR},
                true));
        corpus.add(new Case(
                "URI of 20 KB", "GET", "/api/v1/runs?x=" + "a".repeat(20_000), null, new String[] {OPERATOR}, true));
        corpus.add(new Case(
                "header of 40 KB",
                "GET",
                "/api/v1/runs",
                null,
                new String[] {OPERATOR, "X-Padding: " + "a".repeat(40_000)},
                true));
        corpus.add(new Case("200 headers", "GET", "/api/v1/runs", null, manyHeaders(), true));
    }

    private static String[] manyHeaders() {
        List<String> headers = new ArrayList<>(List.of(OPERATOR));
        for (int i = 0; i < 200; i++) {
            headers.add("X-Header-" + i + ": " + "v".repeat(200));
        }
        return headers.toArray(String[]::new);
    }

    private static String unique() {
        return io.ganflow.testing.LocalInfrastructure.unique("corpus");
    }
}

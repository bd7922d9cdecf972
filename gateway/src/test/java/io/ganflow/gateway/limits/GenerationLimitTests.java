package io.ganflow.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ganflow.gateway.OperatorKeyForRestAssured;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(GenerationLimitTests.TightLimits.class)
class GenerationLimitTests {

    public static class TightLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "ganflow.store.bucket", LocalInfrastructure.unique("limits-test"),
                    "ganflow.limits.generation.images-per-second", "10",
                    "ganflow.limits.generation.burst", "150",
                    "ganflow.auth.operator-keys", OperatorKeyForRestAssured.OPERATOR_KEY + "," + SYNTHETIC_CLIENT,
                    "ganflow.limits.event-streams-per-key", "2");
        }
    }

    static final String SYNTHETIC_CLIENT = "synthetic-client-key";

    @Test
    void aSyntheticDataSetIsChargedToItsCallersAllowance() {
        String runId = LocalInfrastructure.unique("charged");
        given().header("X-API-Key", SYNTHETIC_CLIENT)
                .contentType("application/json")
                .body(Map.of("runId", runId))
                .post("/api/v1/runs")
                .then()
                .statusCode(201);
        // 300 images: more than a burst, allowed once since a whole burst is there; the client is then in debt
        given().header("X-API-Key", SYNTHETIC_CLIENT)
                .contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 30))
                .post("/api/v1/synthetic-datasets")
                .then()
                .statusCode(202);
        given().header("X-API-Key", SYNTHETIC_CLIENT)
                .queryParam("count", 1)
                .get("/api/v1/runs/any/images")
                .then()
                .statusCode(429);
        given().header("X-API-Key", SYNTHETIC_CLIENT)
                .contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 1))
                .post("/api/v1/synthetic-datasets")
                .then()
                .statusCode(429)
                .header("Retry-After", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void aKeyHoldsOnlySoManyEventStreamsAtOnce() throws Exception {
        String runId = LocalInfrastructure.unique("streams");
        given().contentType("application/json")
                .body(Map.of("runId", runId))
                .post("/api/v1/runs")
                .then()
                .statusCode(201);
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.net.URI events = java.net.URI.create(io.restassured.RestAssured.baseURI + ":"
                + io.restassured.RestAssured.port + "/api/v1/runs/" + runId + "/events");
        java.util.List<java.net.http.HttpResponse<java.io.InputStream>> open = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            open.add(http.send(
                    java.net.http.HttpRequest.newBuilder(events)
                            .header("X-API-Key", OperatorKeyForRestAssured.READER_KEY)
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream()));
            org.junit.jupiter.api.Assertions.assertEquals(200, open.get(i).statusCode());
        }
        given().header("X-API-Key", OperatorKeyForRestAssured.READER_KEY)
                .get("/api/v1/runs/" + runId + "/events")
                .then()
                .statusCode(429)
                .contentType("application/problem+json");
        for (java.net.http.HttpResponse<java.io.InputStream> stream : open) {
            stream.body().close();
        }
        // a closed stream gives its slot back
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> {
                    java.net.http.HttpResponse<java.io.InputStream> again = http.send(
                            java.net.http.HttpRequest.newBuilder(events)
                                    .header("X-API-Key", OperatorKeyForRestAssured.READER_KEY)
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofInputStream());
                    again.body().close();
                    org.junit.jupiter.api.Assertions.assertEquals(200, again.statusCode());
                });
    }

    /** The refusals of one limit as Prometheus scrapes them (ganflow_gateway_rate_limited_total{limit=...}). */
    private static double refusals(String limit) {
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line -> line.startsWith("ganflow_gateway_rate_limited_total")
                        && line.contains("limit=\"" + limit + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no refusal counter for " + limit));
    }

    @Test
    void aClientPastItsImageAllowanceGets429WithRetryAfterAndOtherClientsAreNotHeldBack() {
        double refusedBefore = refusals("images");
        // the sampler is not running in this test: a request within the allowance reaches the relay and fails there
        given().queryParam("count", 100).get("/api/v1/runs/any/images").then().statusCode(not(429));
        given().queryParam("count", 100)
                .get("/api/v1/runs/any/images")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("10 images per second"));
        assertEquals(refusedBefore + 1, refusals("images"), "operators see the refusal in the metrics");
        given().header("Authorization", "Bearer " + OperatorKeyForRestAssured.READER_KEY)
                .queryParam("columns", 10)
                .get("/api/v1/runs/any/grid")
                .then()
                .statusCode(not(429));
    }
}

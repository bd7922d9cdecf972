package io.ganflow.gateway.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Json;
import io.ganflow.events.RunSpecLimits;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.gateway.OperatorKeyForRestAssured;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the web UI asks of the gateway beyond runs: the run options its form shows, the key's role, all runs live. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class WebUiEndpointTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void runOptionsGiveEachModelTheDefaultsAStartGetsAndTheLimitsTheStartChecks() {
        JsonPath options = given().get("/api/v1/run-options")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(
                List.of(
                        "cdcgan-cifar10",
                        "cgan-fashion-mnist",
                        "classifier-cifar10",
                        "classifier-fashion-mnist",
                        "dcgan-cifar10"),
                options.getList("models.name"));
        Map<String, Object> dcgan = options.getMap("models.find { it.name == 'dcgan-cifar10' }.defaults");
        assertEquals("cifar-10", dcgan.get("dataset"));
        assertEquals(128, dcgan.get("latentSize"));
        assertEquals(false, options.get("models.find { it.name == 'dcgan-cifar10' }.conditional"));
        assertEquals(
                RunSpecLimits.ALL.stream().map(RunSpecLimits.FieldRange::field).toList(),
                options.getList("limits.field"));
        // the limit it states is the one a start is held to
        float epochsMaximum = options.getFloat("limits.find { it.field == 'epochs' }.maximum");
        given().contentType("application/json")
                .body(Map.of("epochs", (int) epochsMaximum + 1))
                .post("/api/v1/runs")
                .then()
                .statusCode(400)
                .body("detail", containsString("epochs must be between 1 and 10000"));
        assertEquals(true, options.get("limits.find { it.field == 'learningRate' }.exclusiveMinimum"));
    }

    @Test
    void theSessionSaysTheRoleOfTheKeyItCarries() {
        given().get("/api/v1/session").then().statusCode(200).body("role", equalTo("OPERATOR"));
        given().header("X-API-Key", OperatorKeyForRestAssured.READER_KEY)
                .get("/api/v1/session")
                .then()
                .statusCode(200)
                .body("role", equalTo("READER"));
        given().header("X-API-Key", "not-a-key")
                .get("/api/v1/session")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void oneStreamCarriesTheEventsOfEveryRun() throws Exception {
        List<String> runs = List.of(LocalInfrastructure.unique("all-a"), LocalInfrastructure.unique("all-b"));
        List<String> lines = EventStreamLines.open(URI.create(base + "api/v1/events"));
        long deadline = System.currentTimeMillis() + 60_000;
        long step = 0;
        // the metrics consumer may still be joining: send points until both runs' arrive on the one stream
        while (!runs.stream().allMatch(run -> EventStreamLines.has(lines, run))
                && System.currentTimeMillis() < deadline) {
            step += 1;
            for (String run : runs) {
                TrainingMetrics point = new TrainingMetrics(
                        TrainingMetrics.VERSION, run, 0, step, 0.6, 1.9, 0.7, 0.3, 120.0, System.currentTimeMillis());
                KafkaTestClient.send(TrainingMetrics.TOPIC, run, Json.write(point));
            }
            Thread.sleep(500);
        }
        assertTrue(runs.stream().allMatch(run -> EventStreamLines.has(lines, run)), "both runs' points: " + lines);
        assertTrue(EventStreamLines.has(lines, "event:metrics"), lines.toString());
    }
}

package io.ganflow.gateway.http;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.ganflow.gateway.IsolatedStoreProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

/**
 * What a careless client gets instead of a surprise: a 4xx problem naming what is wrong. (The black-box corpus in
 * e2e-tests sends hundreds of such requests to a running gateway; these pin down the rules themselves.)
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class StrictEdgeTests {

    @Test
    void aBodyWithAFieldTheApiDoesNotHaveOrOfTheWrongTypeIsRefusedNamingTheField() {
        refusedBody("/api/v1/runs", "{\"epochz\": 1}", "unknown field 'epochz'");
        refusedBody("/api/v1/runs", "{\"epochs\": 1.5}", "field 'epochs' must be a whole number");
        refusedBody("/api/v1/runs", "{\"epochs\": \"1\"}", "field 'epochs' must be a whole number");
        refusedBody("/api/v1/runs", "{\"model\": 5}", "field 'model' must be a string");
        refusedBody("/api/v1/runs", "{\"epochs\": 1, \"epochs\": 2}", "Duplicate field 'epochs'");
        refusedBody("/api/v1/runs", "[]", "the body must be a JSON object");
        refusedBody("/api/v1/synthetic-datasets", "{\"runId\": \"r\", \"counts\": [\"1\"]}", "field 'counts[0]'");
    }

    @Test
    void syntheticCountsAreOneOfTwoFormsAndAddUpWithoutOverflowing() {
        refusedBody(
                "/api/v1/synthetic-datasets",
                "{\"runId\": \"r\", \"imagesPerClass\": 429496730}",
                "field 'imagesPerClass' must be a whole number from 1 to 6000");
        refusedBody(
                "/api/v1/synthetic-datasets",
                "{\"runId\": \"r\", \"counts\": [2147483647, 2147483647, 2]}",
                "was 4294967296");
        refusedBody(
                "/api/v1/synthetic-datasets", "{\"runId\": \"r\", \"counts\": [1], \"imagesPerClass\": 1}", "not both");
        refusedBody("/api/v1/synthetic-datasets", "{\"runId\": \"r\"}", "not neither");
    }

    @Test
    void aRunTooLargeToCheckpointIsRefused() {
        refusedBody("/api/v1/runs", "{\"checkpointEverySteps\": 1, \"epochs\": 10000}", "a run writes at most 20000");
    }

    @Test
    void malformedParametersAre400sNamingTheParameterNot404sOr500s() {
        refusedParameter("/api/v1/runs/r1/images?count=abc", "query parameter 'count'");
        refusedParameter("/api/v1/runs/r1/images?count=0", "from 1 to 100, was 0");
        refusedParameter("/api/v1/runs/r1/images?count=1&count=2", "given 2 times");
        refusedParameter("/api/v1/runs/r1/grid?seed=1e3", "query parameter 'seed'");
        refusedParameter("/api/v1/runs/r1/checkpoints/abc/samples.png", "path parameter 'step'");
        refusedParameter("/api/v1/runs/..%2F..%2Fdatasets%2Fx/checkpoints", "path parameter 'runId'");
        refusedParameter("/api/v1/synthetic-datasets/NOT_AN_ID", "path parameter 'requestId'");
        refusedParameter(
                "/api/v1/runs/r1/images?class=10", "query parameter 'class' must be a whole number from 0 to 9");
        refusedParameter("/api/v1/runs/r1/grid?columns=2147483648", "'columns' must be a whole number from 1 to 20");
        refusedParameter("/api/v1/runs/r1/checkpoints?limit=1001", "from 1 to 1000, was 1001");
        for (String channels : new String[] {"2", "x"}) {
            // out of its set, or not a number at all: the same words, from the parameter's one constraint
            given().contentType("application/zip")
                    .body(new byte[] {'P', 'K'})
                    .put("/api/v1/datasets/shapes?channels=" + channels)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("detail", containsString("query parameter 'channels' must be one of [1, 3], was"));
        }
        refusedParameter("/api/v1/runs/r1/images?count=abc", "must be a whole number from 1 to 100, was 'abc'");
    }

    @Test
    void aQueryParameterTheEndpointDoesNotHaveIsRefusedNotIgnored() {
        refusedParameter("/api/v1/runs/r1/images?colour=red", "query parameter 'colour' is not one of this endpoint's");
        refusedParameter("/api/v1/runs/r1/quality?step=1", "'step' is not one of this endpoint's: it takes none");
    }

    @Test
    void theFrameworksOwnErrorsAreProblemsToo() {
        given().get("/api/v1/no-such-thing").then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/runs").then().statusCode(405).contentType("application/problem+json");
        given().contentType("text/plain")
                .body("epochs=1")
                .post("/api/v1/runs")
                .then()
                .statusCode(415)
                .contentType("application/problem+json");
        given().contentType("application/json")
                .body("{\"seed\": 1" + " ".repeat(BodyLimits.MAX_JSON_BYTES) + "}")
                .post("/api/v1/runs")
                .then()
                .statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 65536 bytes"));
    }

    private static void refusedBody(String path, String body, String detail) {
        given().contentType("application/json")
                .body(body)
                .post(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400), "detail", containsString(detail));
    }

    private static void refusedParameter(String path, String detail) {
        given().urlEncodingEnabled(false)
                .get(path)
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("title", equalTo("Invalid parameter"), "detail", containsString(detail));
    }
}

package io.ganflow.gateway.limits;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

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
                    "ganflow.limits.generation.burst", "150");
        }
    }

    @Test
    void aClientPastItsImageAllowanceGets429WithRetryAfterAndOtherClientsAreNotHeldBack() {
        // the sampler is not running in this test: a request within the allowance reaches the relay and fails there
        given().queryParam("count", 100).get("/api/v1/runs/any/images").then().statusCode(not(429));
        given().queryParam("count", 100)
                .get("/api/v1/runs/any/images")
                .then()
                .statusCode(429)
                .contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("detail", containsString("10 images per second"));
        given().header("Authorization", "Bearer " + OperatorKeyForRestAssured.READER_KEY)
                .queryParam("columns", 10)
                .get("/api/v1/runs/any/grid")
                .then()
                .statusCode(not(429));
    }
}

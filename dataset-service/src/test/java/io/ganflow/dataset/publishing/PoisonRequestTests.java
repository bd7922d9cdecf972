package io.ganflow.dataset.publishing;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.EpochRequest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.Json;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.PoisonRecords;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The epoch-request topic fed what a careless or hostile producer sends: each record is parked on
 * dead-letters-dataset-service with its reason, the service stays live and ready, and the next request is served.
 */
@QuarkusTest
class PoisonRequestTests {

    @Test
    void poisonEpochRequestsAreParkedAndTheNextRequestIsServed() {
        String runId = LocalInfrastructure.unique("poison-epoch");
        EpochRequest good = new EpochRequest(EpochRequest.VERSION, runId, "fashion-mnist", 0, 64, 5L, 128, 0, 1);
        Map<String, String> keys =
                PoisonRecords.send(EpochRequest.TOPIC, runId + "-", PoisonRecords.of(Json.write(good)));
        KafkaTestClient.send(EpochRequest.TOPIC, runId, Json.write(good));

        assertEquals(
                1,
                KafkaTestClient.await(ImageBatch.TOPIC, r -> runId.equals(r.key()), 1, Duration.ofSeconds(60))
                        .size(),
                "the good request's batch is published");
        Map<String, String> reasons =
                PoisonRecords.awaitParked("dead-letters-dataset-service", keys, Duration.ofSeconds(60));
        assertTrue(reasons.get("unknown-version").contains("EpochRequest version 99 is not supported"));
        assertTrue(reasons.get("oversized").contains("at most 65536 bytes"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200);
    }
}

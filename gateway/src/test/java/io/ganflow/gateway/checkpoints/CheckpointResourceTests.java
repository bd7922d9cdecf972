package io.ganflow.gateway.checkpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ganflow.events.CheckpointParts;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class CheckpointResourceTests {

    @Test
    void listsARunsCheckpointsAndServesEachSampleGrid() {
        String runId = LocalInfrastructure.unique("grids");
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        byte[] early = {(byte) 0x89, 'P', 'N', 'G', 1};
        byte[] late = {(byte) 0x89, 'P', 'N', 'G', 2};
        checkpoints.write(runId, 468, 1, Map.of(CheckpointParts.SAMPLES, late));
        checkpoints.write(runId, 100, 0, Map.of(CheckpointParts.SAMPLES, early));

        given().get("/api/v1/runs/{run}/checkpoints", runId)
                .then()
                .statusCode(200)
                .body("step", contains(100, 468))
                .body("[1].epoch", equalTo(1))
                .body("[0].samples", equalTo("/api/v1/runs/" + runId + "/checkpoints/100/samples.png"));
        byte[] served = given().get("/api/v1/runs/{run}/checkpoints/100/samples.png", runId)
                .then()
                .statusCode(200)
                .contentType("image/png")
                .header("X-Checkpoint-Step", "100")
                .extract()
                .asByteArray();
        assertArrayEquals(early, served);
        given().queryParam("limit", 1)
                .get("/api/v1/runs/{run}/checkpoints", runId)
                .then()
                .statusCode(200)
                .body("step", contains(100))
                .header("Link", equalTo("</api/v1/runs/" + runId + "/checkpoints?after=100&limit=1>; rel=\"next\""));
        given().queryParam("after", 100)
                .queryParam("limit", 1)
                .get("/api/v1/runs/{run}/checkpoints", runId)
                .then()
                .statusCode(200)
                .body("step", contains(468))
                .header("Link", org.hamcrest.Matchers.nullValue());
        given().get("/api/v1/runs/{run}/checkpoints/7/samples.png", runId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
    }
}

package io.ganflow.gateway.checkpoints;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.QualityStore;
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

    private static CheckpointQuality measured(String runId, long step, double fcd, double accuracy) {
        return new CheckpointQuality(
                CheckpointQuality.VERSION,
                runId,
                step,
                0,
                "fashion-mnist",
                "classifier-fashion-mnist",
                1407,
                1000,
                10000,
                fcd,
                3.2,
                accuracy,
                java.util.Collections.nCopies(10, accuracy),
                1L,
                confusion((int) Math.round(100 * accuracy)));
    }

    /** 100 images of each class, {@code right} of them seen as their class and the rest as the next class. */
    private static java.util.List<java.util.List<Integer>> confusion(int right) {
        java.util.List<java.util.List<Integer>> rows = new java.util.ArrayList<>();
        for (int c = 0; c < 10; c++) {
            Integer[] row = new Integer[10];
            java.util.Arrays.fill(row, 0);
            row[c] = right;
            row[(c + 1) % 10] = 100 - right;
            rows.add(java.util.List.of(row));
        }
        return rows;
    }

    @Test
    void eachCheckpointCarriesItsQualityAndTheBestStoredOneCanBeAskedForAsBest() {
        String runId = LocalInfrastructure.unique("best");
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        QualityStore quality = new QualityStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
        given().get("/api/v1/runs/{run}/checkpoints/best/samples.png", runId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No measured checkpoint"));
        // a run no status and no measurement ever named is not known, as it is to the run's other resources
        given().get("/api/v1/runs/{run}/quality", runId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No such run"));
        for (long step : new long[] {100, 200, 300}) {
            checkpoints.write(runId, step, 0, Map.of(CheckpointParts.SAMPLES, new byte[] {(byte) step}));
        }
        quality.save(measured(runId, 100, 40.0, 0.5));
        quality.save(measured(runId, 200, 12.5, 0.8));
        quality.save(measured(runId, 300, 15.0, 0.9));
        // the lowest FCD of all was measured on a checkpoint retention has since deleted: it cannot be served
        quality.save(measured(runId, 50, 3.0, 0.95));
        // a record this version cannot read is left out, not the end of the listing
        LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .put(QualityStore.qualityKey(runId, 250), "{\"version\":1,\"runId\":".getBytes(), "application/json");

        given().get("/api/v1/runs/{run}/checkpoints", runId)
                .then()
                .statusCode(200)
                .body("step", contains(100, 200, 300))
                .body("best", contains(false, true, false))
                .body("[1].quality.fcd", equalTo(12.5f))
                .body("[2].quality.accuracy", equalTo(0.9f))
                .body("[2].quality.images", equalTo(1000))
                .body("[2].quality.confusion[4][4]", equalTo(90))
                .body("[2].quality.confusion[4][5]", equalTo(10));
        given().get("/api/v1/runs/{run}/quality", runId)
                .then()
                .statusCode(200)
                .body("bestStep", equalTo(200))
                .body("checkpoints.step", contains(50, 100, 200, 300));
        byte[] best = given().get("/api/v1/runs/{run}/checkpoints/best/samples.png", runId)
                .then()
                .statusCode(200)
                .header("X-Checkpoint-Step", "200")
                .header("Cache-Control", "private, no-cache")
                .extract()
                .asByteArray();
        assertArrayEquals(new byte[] {(byte) 200}, best);
        given().queryParam("step", "better")
                .get("/api/v1/runs/{run}/grid", runId)
                .then()
                .statusCode(400)
                .body("detail", org.hamcrest.Matchers.containsString("must be 'best' or a whole number"));
    }
}

package io.ganflow.gateway.synthetic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.CheckpointParts;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.SyntheticDatasetRequest;
import io.ganflow.events.SyntheticDatasetResult;
import io.ganflow.events.SyntheticDatasetScore;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.ObjectStore;
import io.ganflow.store.QualityStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.ganflow.testing.Measurements;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The REST face of synthetic data set jobs, with the real broker and store; a test stands in for the sampler. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class SyntheticDatasetResourceTests {

    private static String startRun(String model) {
        String runId = LocalInfrastructure.unique("synth");
        given().contentType("application/json")
                .body(Map.of(
                        "runId",
                        runId,
                        "model",
                        model,
                        "dataset",
                        model.startsWith("cgan") ? "fashion-mnist" : "cifar-10"))
                .post("/api/v1/runs")
                .then()
                .statusCode(201);
        return runId;
    }

    @Test
    void aJobIsHandedToTheSamplersFollowedToTheEndAndDownloadedFromItsUrl() throws Exception {
        String runId = startRun("cgan-fashion-mnist");
        Response created = given().contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 3, "format", "idx", "seed", 5))
                .post("/api/v1/synthetic-datasets");
        created.then().statusCode(202).body("state", equalTo("PENDING"), "total", equalTo(30));
        String requestId = created.jsonPath().getString("requestId");
        assertEquals(
                "/api/v1/synthetic-datasets/" + requestId,
                URI.create(created.header("Location")).getPath());

        SyntheticDatasetRequest sent = sentToTheSamplers(requestId);
        assertEquals(Collections.nCopies(10, 3), sent.counts());
        assertEquals(10L, sent.step());
        assertEquals("idx", sent.format());

        // the sampler's part: progress, the archive in the store, the claim check
        KafkaTestClient.send(
                SyntheticDatasetResult.TOPIC, requestId, Json.write(SyntheticDatasetResult.running(sent, 10, 12)));
        awaitState(requestId, "RUNNING").then().body("generated", equalTo(12));
        byte[] archive = "the archive".getBytes();
        LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .put(SyntheticDatasetResult.objectKey(requestId), archive, "application/zip");
        KafkaTestClient.send(
                SyntheticDatasetResult.TOPIC,
                requestId,
                Json.write(SyntheticDatasetResult.done(
                        sent, 10, IsolatedStoreProfile.BUCKET, archive.length, "ab", measured(sent.runId(), 10))));

        io.restassured.response.Response done = awaitState(requestId, "DONE");
        // the figures of the checkpoint the images came from travel with the data set
        assertEquals(0.87f, done.jsonPath().getFloat("quality.accuracy"));
        assertEquals(14.5f, done.jsonPath().getFloat("quality.fcd"));
        String url = done.jsonPath().getString("downloadUrl");
        HttpResponse<byte[]> download = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, download.statusCode());
        assertArrayEquals(archive, download.body());
        given().get("/api/v1/synthetic-datasets").then().body("requestId", org.hamcrest.Matchers.hasItem(requestId));

        // deleting a finished job deletes its data set, and every reader of the results hears it
        given().delete("/api/v1/synthetic-datasets/" + requestId)
                .then()
                .statusCode(202)
                .body("state", equalTo("CANCELLED"));
        assertEquals(
                java.util.Optional.empty(),
                LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                        .get(SyntheticDatasetResult.objectKey(requestId)));
        assertEquals(
                1,
                KafkaTestClient.await(
                                SyntheticDatasetResult.TOPIC,
                                r -> requestId.equals(r.key()) && new String(r.value()).contains("\"CANCELLED\""),
                                1,
                                Duration.ofSeconds(30))
                        .size());
    }

    @Test
    void aScoreAskedForIsPendingUntilAnEvaluatorPublishesItAndThenShownOnTheJob() throws Exception {
        String runId = startRun("cgan-fashion-mnist");
        problem(Map.of("runId", runId, "step", 10, "imagesPerClass", 1, "score", "yes"), 400, "score");
        Response created = given().contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 2, "score", true))
                .post("/api/v1/synthetic-datasets");
        created.then().statusCode(202).body("score.state", equalTo("PENDING"));
        String requestId = created.jsonPath().getString("requestId");
        SyntheticDatasetRequest sent = sentToTheSamplers(requestId);
        assertTrue(sent.scoreWanted(), "the samplers (and through their result, the evaluators) hear it");

        KafkaTestClient.send(
                SyntheticDatasetResult.TOPIC,
                requestId,
                Json.write(SyntheticDatasetResult.done(sent, 10, IsolatedStoreProfile.BUCKET, 1, "ab", null)));
        awaitState(requestId, "DONE").then().body("score.state", equalTo("PENDING"));

        SyntheticDatasetScore scored = new SyntheticDatasetScore(
                SyntheticDatasetScore.VERSION,
                requestId,
                SyntheticDatasetScore.State.DONE,
                runId,
                10,
                "fashion-mnist",
                20,
                70,
                10_000,
                0.81,
                Collections.nCopies(10, 0.81),
                0.86,
                Collections.nCopies(10, 0.86),
                "scored",
                1L);
        KafkaTestClient.send(SyntheticDatasetScore.TOPIC, requestId, Json.write(scored));
        // a late SCORING record (a replay) does not hide the finished score
        KafkaTestClient.send(
                SyntheticDatasetScore.TOPIC,
                requestId,
                Json.write(SyntheticDatasetScore.scoring(
                        SyntheticDatasetResult.done(sent, 10, IsolatedStoreProfile.BUCKET, 1, "ab", null),
                        "fashion-mnist",
                        20)));
        for (int attempt = 0; ; attempt++) {
            Response job = given().get("/api/v1/synthetic-datasets/" + requestId);
            if ("DONE".equals(job.jsonPath().getString("score.state"))) {
                assertEquals(0.81f, job.jsonPath().getFloat("score.syntheticAccuracy"));
                assertEquals(0.86f, job.jsonPath().getFloat("score.realAccuracy"));
                assertEquals(10_000, job.jsonPath().getInt("score.heldOutImages"));
                break;
            }
            assertTrue(attempt < 60, "the score never showed: " + job.asString());
            Thread.sleep(500);
        }
        Thread.sleep(1_000);
        given().get("/api/v1/synthetic-datasets/" + requestId).then().body("score.state", equalTo("DONE"));
        given().get("/api/v1/synthetic-datasets")
                .then()
                .body("find { it.requestId == '" + requestId + "' }.score.realAccuracy", equalTo(0.86f));

        String unscored = given().contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 1))
                .post("/api/v1/synthetic-datasets")
                .then()
                .statusCode(202)
                .body("score", org.hamcrest.Matchers.nullValue())
                .extract()
                .path("requestId");
        assertFalse(sentToTheSamplers(unscored).scoreWanted());
    }

    @Test
    void cancellingAJobNotYetDoneMarksItForTheSamplerAndAskingAgainIsHarmless() {
        String runId = startRun("cgan-fashion-mnist");
        String requestId = given().contentType("application/json")
                .body(Map.of("runId", runId, "step", 10, "imagesPerClass", 1))
                .post("/api/v1/synthetic-datasets")
                .jsonPath()
                .getString("requestId");
        for (int time = 0; time < 2; time++) {
            given().delete("/api/v1/synthetic-datasets/" + requestId)
                    .then()
                    .statusCode(202)
                    .body("state", equalTo("PENDING"), "message", equalTo("cancel requested"));
        }
        assertTrue(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .exists(SyntheticDatasetResult.cancelKey(requestId)));
        given().delete("/api/v1/synthetic-datasets/syn-none").then().statusCode(404);
    }

    @Test
    void requestsThatCannotBeServedAreProblemsAndNothingIsSent() {
        String cgan = startRun("cgan-fashion-mnist");
        String dcgan = startRun("dcgan-cifar10");
        problem(Map.of("runId", cgan, "step", 10, "counts", List.of(1, -2)), 400, "counts must not be negative");
        problem(
                Map.of("runId", cgan, "step", 10, "imagesPerClass", 10_000),
                400,
                "field 'imagesPerClass' must be a whole number from 1 to 6000");
        problem(Map.of("runId", cgan, "step", 10, "imagesPerClass", 1, "format", "tiff"), 400, "format must be");
        problem(Map.of("runId", "no-such-run", "imagesPerClass", 1), 404, "not known");
        problem(Map.of("runId", dcgan, "step", 10, "imagesPerClass", 1), 422, "not conditioned on a class");
        problem(Map.of("runId", cgan, "imagesPerClass", 1), 409, "no checkpoint");
        given().get("/api/v1/synthetic-datasets/syn-none")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        assertEquals(
                0,
                KafkaTestClient.await(
                                SyntheticDatasetRequest.TOPIC,
                                r -> new String(r.value()).contains(cgan) || new String(r.value()).contains(dcgan),
                                1,
                                Duration.ofSeconds(3))
                        .size());
    }

    private static void problem(Map<String, Object> body, int status, String detail) {
        given().contentType("application/json")
                .body(body)
                .post("/api/v1/synthetic-datasets")
                .then()
                .statusCode(status)
                .contentType("application/problem+json")
                .body("detail", containsString(detail));
    }

    private static Response awaitState(String requestId, String state) throws InterruptedException {
        for (int attempt = 0; attempt < 60; attempt++) {
            Response response = given().get("/api/v1/synthetic-datasets/" + requestId);
            if (state.equals(response.jsonPath().getString("state"))) {
                return response;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(requestId + " never reached " + state);
    }

    @Test
    void bestAsTheStepMeansTheStoredCheckpointWithTheLowestFcd() {
        String runId = startRun("cgan-fashion-mnist");
        problem(Map.of("runId", runId, "step", "best", "imagesPerClass", 1), 404, "no checkpoint measured yet");
        problem(Map.of("runId", runId, "step", "soon", "imagesPerClass", 1), 400, "step must be a checkpoint step");
        problem(Map.of("runId", runId, "step", 1.5, "imagesPerClass", 1), 400, "step must be a checkpoint step");
        ObjectStore store = LocalInfrastructure.store(IsolatedStoreProfile.BUCKET);
        CheckpointStore checkpoints = new CheckpointStore(store);
        QualityStore quality = new QualityStore(store);
        for (long step : new long[] {10, 20, 30}) {
            checkpoints.write(runId, step, 0, Map.of(CheckpointParts.SAMPLES, new byte[] {1}));
        }
        quality.save(measured(runId, 10, 30.0));
        quality.save(measured(runId, 20, 9.5));
        quality.save(measured(runId, 30, 12.0));

        String requestId = given().contentType("application/json")
                .body(Map.of("runId", runId, "step", "best", "imagesPerClass", 2))
                .post("/api/v1/synthetic-datasets")
                .then()
                .statusCode(202)
                .extract()
                .path("requestId");

        SyntheticDatasetRequest sent = sentToTheSamplers(requestId);
        assertEquals(20L, sent.step(), "the samplers are sent the best checkpoint's step");
    }

    private static SyntheticDatasetRequest sentToTheSamplers(String requestId) {
        return Json.read(
                KafkaTestClient.await(
                                SyntheticDatasetRequest.TOPIC,
                                r -> requestId.equals(r.key()),
                                1,
                                Duration.ofSeconds(30))
                        .get(0)
                        .value(),
                SyntheticDatasetRequest.class);
    }

    private static CheckpointQuality measured(String runId, long step) {
        return measured(runId, step, 14.5);
    }

    private static CheckpointQuality measured(String runId, long step, double fcd) {
        return Measurements.measured(runId, step, fcd, 0.87);
    }
}

package io.ganflow.gateway.studies;

import static io.ganflow.testing.Measurements.measured;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.UploadedDataset;
import io.ganflow.gateway.IsolatedStoreProfile;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.DatasetStore;
import io.ganflow.store.QualityStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A study on the real broker and store, with its trainers and evaluator played by the test: it sends the statuses
 * and writes the measurements they would. Trials start as the budget allows, a trial outside the best half of the
 * trials before it stops at its rung, the next starts, none starts twice, and the best is named once all are measured.
 */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class StudySchedulerTests {

    private static final QualityStore QUALITY =
            new QualityStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
    private static final CheckpointStore CHECKPOINTS =
            new CheckpointStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
    private static final DatasetStore DATASETS =
            new DatasetStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));
    private static final RunSpecStore SPECS = new RunSpecStore(LocalInfrastructure.store(IsolatedStoreProfile.BUCKET));

    private static Map<String, Object> gridOfFourSeeds(String studyId) {
        return Map.of(
                "studyId", studyId,
                "base", Map.of("epochs", 1, "datasetLimit", 500, "checkpointEverySteps", 10),
                "space", Map.of("seed", Map.of("values", List.of(1, 2, 3, 4))),
                "method", "grid",
                "budget", Map.of("maxTrials", 4, "maxConcurrent", 2),
                "objective", Map.of("figure", "fcd", "at", "best"),
                "earlyStopping", Map.of("rule", "successive-halving", "graceCheckpoints", 1, "reductionFactor", 2));
    }

    @Test
    void trialsStartAsTheBudgetAllowsStopAtTheirRungAndTheBestIsNamed() throws Exception {
        // a damaged study record beside it (sorted first) holds nothing up
        LocalInfrastructure.store(IsolatedStoreProfile.BUCKET)
                .put("studies/aaa-damaged/spec.json", "{\"version\":1,".getBytes(), "application/json");
        String study = LocalInfrastructure.unique("grid");
        double trainingBefore = trials("TRAINING");
        double stoppedBefore = trials("STOPPED");
        double completedBefore = trials("COMPLETED");
        given().contentType("application/json")
                .body(gridOfFourSeeds(study))
                .post("/api/v1/studies")
                .then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/studies/" + study))
                .body("trials.state", equalTo(List.of("TRAINING", "TRAINING", "WAITING", "WAITING")))
                .body("trials[3].settings.seed", equalTo(4));
        String t0 = study + "-t0";
        String t1 = study + "-t1";
        String t2 = study + "-t2";
        String t3 = study + "-t3";
        assertEquals(2, SPECS.load(t1).orElseThrow().seed(), "trial 1 trains the base with seed 2");
        assertEquals(trainingBefore + 2, trials("TRAINING"), "the study's load on /q/metrics");

        // trial 0 ends after two measured checkpoints; trial 1 trains on: trial 2 starts in its place
        measure(t0, 10, 30.0);
        measure(t0, 20, 28.0);
        status(t0, RunStatus.State.COMPLETED, 20);
        measure(t1, 10, 20.0);
        status(t1, RunStatus.State.RUNNING, 10);
        awaitTrial(study, 2, "TRAINING");
        // the rungs still to be measured are held from the trainer's retention: none of trial 0's, trial 1's next
        assertEquals(Set.of(), CHECKPOINTS.heldSteps(t0, "s-" + study));
        assertTrue(CHECKPOINTS.heldSteps(t1, "s-" + study).containsAll(Set.of(20L, 30L, 80L)));

        // trial 2's first checkpoint (40) is third of 20, 30, 40: only the best two of three go on
        measure(t2, 10, 40.0);
        status(t2, RunStatus.State.RUNNING, 10);
        JsonPath stopped = awaitTrial(study, 2, "STOPPED");
        assertEquals(1, stopped.getInt("trials[2].stoppedAtRung"));
        assertTrue(stopped.getString("trials[2].reason").contains("successive-halving"), stopped.prettify());
        given().get("/api/v1/runs/{run}", t2).then().body("state", equalTo("STOPPED"));
        awaitTrial(study, 3, "TRAINING");

        // the rest end and are measured: trial 1's 18 is the lowest FCD, at step 20
        measure(t1, 20, 18.0);
        status(t1, RunStatus.State.COMPLETED, 20);
        measure(t3, 10, 25.0);
        status(t3, RunStatus.State.COMPLETED, 10);
        JsonPath done = await(study, s -> s.getString("state").equals("COMPLETED"));
        assertEquals(1, done.getInt("bestTrial"), done.prettify());
        assertEquals(20, done.getLong("bestStep"));
        assertEquals(18.0f, done.getFloat("bestValue"));
        assertEquals(List.of("COMPLETED", "COMPLETED", "STOPPED", "COMPLETED"), done.getList("trials.state"));
        assertEquals(trainingBefore, trials("TRAINING"));
        assertEquals(stoppedBefore + 1, trials("STOPPED"));
        assertEquals(completedBefore + 3, trials("COMPLETED"));

        // each trial was started once, however often the scheduler looked (read for longer than a fifth could take)
        long starts =
                KafkaTestClient.await(
                                RunCommand.TOPIC, r -> r.key().startsWith(study + "-t"), 100, Duration.ofSeconds(8))
                        .stream()
                        .filter(r -> Json.read(r.value(), RunCommand.class).type() == RunCommand.Type.START)
                        .count();
        assertEquals(4, starts);
        given().get("/api/v1/studies").then().statusCode(200).body("studyId", org.hamcrest.Matchers.hasItem(study));
    }

    @Test
    void aTrialWhoseDataSetWasDeletedSinceTheStudyWasPlannedFailsAndTheStudyEndsWithoutIt() throws Exception {
        String dataset = LocalInfrastructure.unique("clothes");
        int images = 10; // one of each class
        DATASETS.save(
                new UploadedDataset(
                        UploadedDataset.VERSION,
                        dataset,
                        1,
                        28,
                        java.util.stream.IntStream.range(0, 10)
                                .mapToObj(c -> "c" + c)
                                .toList(),
                        java.util.Collections.nCopies(10, 1),
                        List.of(),
                        0,
                        "",
                        "",
                        0,
                        null),
                new byte[images * 28 * 28],
                new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        String study = LocalInfrastructure.unique("gone");
        given().contentType("application/json")
                .body(Map.of(
                        "studyId", study,
                        "base", Map.of("epochs", 1, "batchSize", 5, "checkpointEverySteps", 10),
                        "space", Map.of("dataset", Map.of("values", List.of("fashion-mnist", dataset))),
                        "method", "grid",
                        "budget", Map.of("maxTrials", 2, "maxConcurrent", 1),
                        "objective", Map.of("figure", "fcd", "at", "last")))
                .post("/api/v1/studies")
                .then()
                .statusCode(201)
                .body("trials.state", equalTo(List.of("TRAINING", "WAITING")));
        // the upload is deleted while trial 0 trains; trial 0 ends
        LocalInfrastructure.store(IsolatedStoreProfile.BUCKET).delete("datasets/" + dataset + "/manifest.json");
        measure(study + "-t0", 10, 30.0);
        status(study + "-t0", RunStatus.State.COMPLETED, 10);

        JsonPath done = await(study, s -> s.getString("state").equals("COMPLETED"));
        assertEquals(List.of("COMPLETED", "FAILED"), done.getList("trials.state"));
        assertEquals(0, done.getInt("bestTrial"));
        given().get("/api/v1/runs/{run}", study + "-t1")
                .then()
                .statusCode(200)
                .body("state", equalTo("FAILED"))
                .body("message", containsString("the study could not start it"))
                .body("message", containsString(dataset));
    }

    /** The trials in this state as Prometheus scrapes them (ganflow_gateway_study_trials{state=...}). */
    private static double trials(String state) {
        return given().get("/q/metrics")
                .asString()
                .lines()
                .filter(line ->
                        line.startsWith("ganflow_gateway_study_trials{") && line.contains("state=\"" + state + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no study trials gauge for " + state));
    }

    @Test
    void aStudyThatCannotBePlannedIsRefusedWithEveryProblemNamed() {
        Map<String, Object> bad = Map.of(
                "space",
                        Map.of(
                                "learningRate",
                                Map.of("values", List.of(2e-4, 7)),
                                "colour",
                                Map.of("values", List.of(1))),
                "method", "grid",
                "budget", Map.of("maxTrials", 1_000_000_000, "maxConcurrent", 2),
                "objective", Map.of("figure", "beauty", "at", "best"));
        given().contentType("application/json")
                .body(bad)
                .post("/api/v1/studies")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("space.learningRate.values[1] must be in (0, 1), was 7"))
                .body("detail", containsString("space.colour is not a setting a study searches"))
                .body("detail", containsString("budget.maxTrials must be between 1 and 1000, was 1000000000"))
                .body("detail", containsString("objective.figure must be one of accuracy, fcd, precision, recall"));
        Map<String, Object> mismatched = Map.of(
                "space", Map.of("model", Map.of("values", List.of("cgan-fashion-mnist", "dcgan-cifar10"))),
                "method", "grid",
                "budget", Map.of("maxTrials", 2, "maxConcurrent", 1),
                "objective", Map.of("figure", "fcd", "at", "last"));
        given().contentType("application/json")
                .body(mismatched)
                .post("/api/v1/studies")
                .then()
                .statusCode(400)
                .body("detail", containsString("trial 1 {model=dcgan-cifar10}"));
        String study = LocalInfrastructure.unique("twice");
        given().contentType("application/json")
                .body(gridOfFourSeeds(study))
                .post("/api/v1/studies")
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body(gridOfFourSeeds(study))
                .post("/api/v1/studies")
                .then()
                .statusCode(409);
        given().get("/api/v1/studies/{id}", "no-such-study").then().statusCode(404);
    }

    private static void measure(String runId, long step, double fcd) {
        QUALITY.save(measured(runId, step, fcd, 0.8));
    }

    private static void status(String runId, RunStatus.State state, long checkpointStep) {
        RunSpec spec = SPECS.load(runId).orElseThrow();
        RunStatus status = RunStatus.pending(spec).with(state, 0, checkpointStep, checkpointStep, state.name());
        KafkaTestClient.send(RunStatus.TOPIC, runId, Json.write(status));
    }

    private static JsonPath awaitTrial(String study, int index, String state) throws InterruptedException {
        return await(study, s -> s.getString("trials[" + index + "].state").equals(state));
    }

    private static JsonPath await(String study, java.util.function.Predicate<JsonPath> done)
            throws InterruptedException {
        JsonPath last = null;
        for (int attempt = 0; attempt < 60; attempt++) {
            last = given().get("/api/v1/studies/{id}", study)
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            if (done.test(last)) {
                return last;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("study " + study + " never got there: " + (last == null ? null : last.prettify()));
    }
}

package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.awaitStep;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.RunCommand;
import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyPlan;
import io.ganflow.events.StudyProgress;
import io.ganflow.events.StudySpec;
import io.ganflow.events.StudyState;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A grid study of four short trials with two trainers, on the real stack: trials train two at once, the evaluator
 * measures them, successive halving stops those it should, and the result names the best. What the gateway decided
 * is checked against the rule itself, applied to the figures the trials really got. The same study is then run again
 * through a trainer killed and the gateway restarted: the same trials, stops and result, no trial started twice, and
 * each finished trial's weights those of the same run trained alone.
 */
@ExtendWith(LocalStack.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudyEndToEndTest {

    private static final List<String> PARTS = List.of(
            "generator.params", "discriminator.params", "generator-optimizer.state", "discriminator-optimizer.state");

    /** Steps each trial trains: long enough for a trainer to be killed while it trains one, even on a fast machine. */
    private static final int TRIAL_STEPS = 40;

    /** The undisturbed study's result, which the one run through faults must repeat. */
    private static JsonNode undisturbed;

    private static Map<String, Object> request(String studyId) {
        return Map.of(
                "studyId", studyId,
                "base",
                        Map.of(
                                "epochs",
                                1,
                                "batchSize",
                                50,
                                "datasetLimit",
                                TRIAL_STEPS * 50,
                                "checkpointEverySteps",
                                5),
                "space", Map.of("seed", Map.of("values", List.of(1, 2, 3, 4))),
                "method", "grid",
                "budget", Map.of("maxTrials", 4, "maxConcurrent", 2),
                "objective", Map.of("figure", "fcd", "at", "best"),
                "earlyStopping", Map.of("rule", "successive-halving", "graceCheckpoints", 1, "reductionFactor", 2));
    }

    @Test
    @Order(1)
    void fourTrialsOnTwoTrainersStopAsTheRuleSaysGivenTheirFiguresAndTheBestIsNamed() throws Exception {
        twoTrainers();
        String studyId = LocalInfrastructure.unique("study");
        Map<String, Object> request = request(studyId);
        long started = System.nanoTime();
        create(request);
        JsonNode done = awaitCompleted(studyId);
        double minutes = (System.nanoTime() - started) / 60e9;
        undisturbed = done;

        // the rule, applied here to the figures the trials really got, decides what the gateway decided
        StudySpec spec = Json.read(JSON.writeValueAsString(specOf(request)), StudySpec.class);
        List<StudyPlan.Trial> plan = StudyPlan.trials(spec);
        List<StudyProgress.TrialFacts> facts = new ArrayList<>();
        for (StudyPlan.Trial trial : plan) {
            JsonNode run = JSON.readTree(get("/api/v1/runs/" + trial.runId()).body());
            List<CheckpointQuality> measured = new ArrayList<>();
            for (JsonNode checkpoint : JSON.readTree(
                            get("/api/v1/runs/" + trial.runId() + "/quality").body())
                    .get("checkpoints")) {
                measured.add(Json.read(JSON.writeValueAsString(checkpoint), CheckpointQuality.class));
            }
            facts.add(new StudyProgress.TrialFacts(
                    RunStatus.State.valueOf(run.get("state").asText()),
                    measured,
                    run.get("latestCheckpointStep").asLong()));
        }
        StudyState expected = StudyProgress.decide(spec, plan, facts, 0).state();
        for (int t = 0; t < plan.size(); t++) {
            JsonNode trial = done.get("trials").get(t);
            assertEquals(
                    String.valueOf(expected.trials().get(t).stoppedAtRung()),
                    trial.get("stoppedAtRung").isNull()
                            ? "null"
                            : trial.get("stoppedAtRung").asText(),
                    "trial " + t + ": " + done);
        }
        assertEquals(expected.bestTrial(), done.get("bestTrial").asInt(), done.toString());
        assertTrue(done.get("message").asText().startsWith("best: trial "), done.toString());
        // the study's page: trials, the objective against the setting, no serious accessibility violation
        ChromeDriver browser = Browser.start();
        try {
            browser.get(LocalStack.gateway().url() + "/#key=" + LocalStack.OPERATOR_KEY);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(driver -> !driver.findElements(By.id("role")).isEmpty());
            browser.get(LocalStack.gateway().url() + "/#/studies/" + studyId);
            wait.until(driver ->
                    driver.findElements(By.cssSelector("#trials tbody tr")).size() == 4);
            assertTrue(browser.findElement(By.id("study-message")).getText().startsWith("best: trial"));
            assertTrue(browser.findElement(By.id("study-objective"))
                    .getText()
                    .contains("FCD at its best checkpoint (lower is better)"));
            assertEquals(
                    1,
                    browser.findElements(By.cssSelector(".objective-plot circle.best"))
                            .size());
            WebPage.screenshot(browser, "study", 1600);
            assertEquals(List.of(), WebPage.seriousAccessibilityViolations(browser));
        } finally {
            browser.quit();
        }
        System.out.printf(
                "study of 4 trials on 2 trainers: %.1f min; stops %s; best trial %d, FCD %.2f at step %d%n",
                minutes,
                done.get("trials").findValuesAsText("state"),
                done.get("bestTrial").asInt(),
                done.get("bestValue").asDouble(),
                done.get("bestStep").asLong());
    }

    @Test
    @Order(2)
    void theSameStudyThroughATrainerKillAndAGatewayRestartEndsAlikeStartsNoTrialTwiceAndTrainsEachAsAlone()
            throws Exception {
        JsonNode reference = undisturbed;
        if (reference == null) { // this test alone: the undisturbed study first
            twoTrainers();
            String first = LocalInfrastructure.unique("study");
            create(request(first));
            reference = awaitCompleted(first);
        }
        twoTrainers();
        String studyId = LocalInfrastructure.unique("study");
        create(request(studyId));

        // the trainer of trial 0 (never stopped by a rule: no trial is before it) killed while it trains, then the
        // gateway killed and started again, then another trainer in the killed one's place
        String training = studyId + "-t0";
        awaitStep(training, 2, Duration.ofMinutes(3));
        ServiceProcess holder = LocalStack.trainerOf(training);
        JsonNode atKill = GatewayApi.run(training);
        long step = atKill.get("step").asLong();
        assertTrue(
                atKill.get("state").asText().equals("RUNNING") && step < TRIAL_STEPS,
                "the trainer is killed while the trial trains: " + atKill);
        LocalStack.kill(holder);
        LocalStack.killAndRestartGateway();
        LocalStack.addTrainer();
        System.out.printf(
                "study: the trainer of %s killed at its step %d, then the gateway restarted%n", training, step);

        JsonNode done = awaitCompleted(studyId);
        for (int t = 0; t < 4; t++) {
            JsonNode expected = reference.get("trials").get(t);
            JsonNode actual = done.get("trials").get(t);
            for (String field : List.of("settings", "state", "stoppedAtRung", "value")) {
                assertEquals(expected.get(field), actual.get(field), "trial " + t + " " + field + ": " + done);
            }
        }
        for (String field : List.of("bestTrial", "bestStep", "bestValue")) {
            assertEquals(reference.get(field), done.get(field), field + ": " + done);
        }
        // each trial started once: one START command each on the run-commands topic
        List<String> started =
                KafkaTestClient.await(
                                RunCommand.TOPIC, r -> r.key().startsWith(studyId + "-t"), 100, Duration.ofSeconds(8))
                        .stream()
                        .filter(r -> Json.read(r.value(), RunCommand.class).type() == RunCommand.Type.START)
                        .map(r -> r.key())
                        .sorted()
                        .toList();
        assertEquals(IntStream.range(0, 4).mapToObj(t -> studyId + "-t" + t).toList(), started);

        // a finished trial's weights and optimiser state are those of the same run trained alone
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(LocalStack.BUCKET));
        int compared = 0;
        for (JsonNode trial : done.get("trials")) {
            if (!trial.get("state").asText().equals("COMPLETED")) {
                continue;
            }
            String trialRun = trial.get("runId").asText();
            Map<String, Object> spec =
                    JSON.convertValue(GatewayApi.run(trialRun).get("spec"), Map.class);
            spec.remove("runId");
            String alone = post("/api/v1/runs", spec).get("runId").asText();
            awaitState(alone, "COMPLETED", Duration.ofMinutes(5));
            CheckpointManifest expected = checkpoints.latest(alone).orElseThrow();
            CheckpointManifest actual = checkpoints.latest(trialRun).orElseThrow();
            assertEquals(expected.step(), actual.step(), trialRun);
            for (String part : PARTS) {
                assertEquals(expected.part(part).sha256(), actual.part(part).sha256(), trialRun + " " + part);
            }
            compared++;
        }
        assertTrue(compared > 0, "no trial finished: " + done);
        System.out.printf(
                "study of 4 trials through a gateway restart and a trainer kill: stops %s, best trial %d as before;"
                        + " %d finished trials bit-identical to the same runs trained alone%n",
                done.get("trials").findValuesAsText("state"),
                done.get("bestTrial").asInt(),
                compared);
    }

    private static void twoTrainers() throws Exception {
        while (LocalStack.trainers().size() < 2) {
            LocalStack.addTrainer();
        }
    }

    private static void create(Map<String, Object> request) throws Exception {
        HttpResponse<byte[]> created = send("/api/v1/studies", request);
        assertEquals(201, created.statusCode(), new String(created.body()));
    }

    private static JsonNode study(String studyId) throws Exception {
        return JSON.readTree(get("/api/v1/studies/" + studyId).body());
    }

    private static JsonNode awaitCompleted(String studyId) throws Exception {
        return Eventually.within(Duration.ofMinutes(12), "study " + studyId + " completed", () -> {
            JsonNode study = study(studyId);
            return study.get("state").asText().equals("COMPLETED") ? study : null;
        });
    }

    /** The study as the gateway planned it: the request with the base a start with these settings gets. */
    private static Map<String, Object> specOf(Map<String, Object> request) throws Exception {
        JsonNode base = JSON.readTree(
                        get("/api/v1/runs/" + request.get("studyId") + "-t0").body())
                .get("spec");
        Map<String, Object> spec = new java.util.LinkedHashMap<>(request);
        spec.put("version", 1);
        spec.put("base", JSON.convertValue(base, Map.class));
        spec.put("model", null);
        spec.put("seed", null);
        return spec;
    }
}

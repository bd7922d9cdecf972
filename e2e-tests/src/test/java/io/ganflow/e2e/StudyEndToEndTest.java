package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.send;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.CheckpointQuality;
import io.ganflow.events.Json;
import io.ganflow.events.RunStatus;
import io.ganflow.events.StudyPlan;
import io.ganflow.events.StudyProgress;
import io.ganflow.events.StudySpec;
import io.ganflow.events.StudyState;
import io.ganflow.testing.LocalInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A grid study of four short trials with two trainers, on the real stack: trials train two at once, the evaluator
 * measures them, successive halving stops those it should, and the result names the best. What the gateway decided
 * is checked against the rule itself, applied to the figures the trials really got.
 */
@ExtendWith(LocalStack.class)
class StudyEndToEndTest {

    @Test
    void fourTrialsOnTwoTrainersStopAsTheRuleSaysGivenTheirFiguresAndTheBestIsNamed() throws Exception {
        if (LocalStack.trainers().size() < 2) {
            LocalStack.addTrainer();
        }
        String studyId = LocalInfrastructure.unique("study");
        Map<String, Object> request = Map.of(
                "studyId", studyId,
                "base", Map.of("epochs", 1, "batchSize", 50, "datasetLimit", 1000, "checkpointEverySteps", 5),
                "space", Map.of("seed", Map.of("values", List.of(1, 2, 3, 4))),
                "method", "grid",
                "budget", Map.of("maxTrials", 4, "maxConcurrent", 2),
                "objective", Map.of("figure", "fcd", "at", "best"),
                "earlyStopping", Map.of("rule", "successive-halving", "graceCheckpoints", 1, "reductionFactor", 2));
        long started = System.nanoTime();
        HttpResponse<byte[]> created = send("/api/v1/studies", request);
        assertEquals(201, created.statusCode(), new String(created.body()));

        JsonNode done = Eventually.within(Duration.ofMinutes(12), "study " + studyId + " completed", () -> {
            JsonNode study = JSON.readTree(get("/api/v1/studies/" + studyId).body());
            return study.get("state").asText().equals("COMPLETED") ? study : null;
        });
        double minutes = (System.nanoTime() - started) / 60e9;

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
                    RunStatus.State.valueOf(run.get("state").asText()), measured, true));
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

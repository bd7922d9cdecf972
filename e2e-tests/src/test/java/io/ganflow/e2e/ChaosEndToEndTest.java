package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.awaitStep;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.LocalInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad day in the data centre, on the real parts: trainers killed (SIGKILL) and scaled down (SIGTERM), the broker
 * killed, the store stopped for a minute. A run trained through all of it must end exactly as an uninterrupted run
 * of the same spec, and every service must be ready afterwards with no one restarting anything. Each fault prints its
 * recovery time and the steps trained again.
 */
@ExtendWith(LocalStack.class)
class ChaosEndToEndTest {

    private static final Duration RECOVERY = Duration.ofMinutes(3);
    private static final List<String> PARTS = List.of(
            "generator.params", "discriminator.params", "generator-optimizer.state", "discriminator-optimizer.state");

    /**
     * 12 epochs of 20 batches of 50 images: 240 steps (about 100 s here), a checkpoint every 7 and at each epoch's
     * end; long enough for every fault to land while it trains.
     */
    private static final int STEPS = 240;

    private static Map<String, Object> spec(long seed) {
        return Map.of(
                "epochs", 12,
                "batchSize", 50,
                "datasetLimit", 1000,
                "checkpointEverySteps", 7,
                "metricsEverySteps", 1,
                "seed", seed);
    }

    @Test
    void aRunTrainedThroughKillsOutagesAndAScaleDownEndsExactlyAsAnUninterruptedRun() throws Exception {
        String twin = post("/api/v1/runs", spec(29)).get("runId").asText();
        awaitState(twin, "COMPLETED", Duration.ofMinutes(8));
        String runId = post("/api/v1/runs", spec(29)).get("runId").asText();

        trainsOn(runId);
        long retrained = moved(runId, "trainer SIGKILL 1 of 3, a new trainer in its place", holder -> {
            LocalStack.kill(holder);
            LocalStack.addTrainer();
        });
        assertTrue(retrained <= 7, "a SIGKILL costs at most one checkpoint interval (7 steps), not " + retrained);

        trainsOn(runId);
        recover(runId, "broker SIGKILL, started again after 5 s", () -> {
            InfrastructureProcesses.killBroker();
            Thread.sleep(5_000);
            InfrastructureProcesses.startBroker();
        });

        trainsOn(runId);
        addTrainerAndLetTheGroupSettle();
        retrained = moved(runId, "trainer SIGKILL 2 of 3 with a second trainer in the group", LocalStack::kill);
        assertTrue(retrained <= 7, "a SIGKILL costs at most one checkpoint interval (7 steps), not " + retrained);

        trainsOn(runId);
        addTrainerAndLetTheGroupSettle();
        retrained = moved(runId, "trainer SIGTERM (scale-down) with another trainer in the group", holder -> {
            Duration took = LocalStack.terminate(holder);
            System.out.printf("chaos: the leaving trainer's graceful shutdown took %.1f s%n", took.toMillis() / 1e3);
        });
        assertEquals(0, retrained, "a trainer scaled down checkpoints what it trained: no step is trained again");

        trainsOn(runId);
        retrained = moved(runId, "trainer SIGKILL 3 of 3, a new trainer in its place", holder -> {
            LocalStack.kill(holder);
            LocalStack.addTrainer();
        });
        assertTrue(retrained <= 7, "a SIGKILL costs at most one checkpoint interval (7 steps), not " + retrained);

        trainsOn(runId);
        ServiceProcess trainer = LocalStack.trainerOf(runId);
        long outageStarted = System.nanoTime();
        InfrastructureProcesses.stopStore();
        Eventually.within(
                Duration.ofSeconds(60),
                "the trainer reports the store outage in readiness",
                () -> status(trainer.url() + "/q/health/ready") == 503 ? true : null);
        assertEquals(200, status(trainer.url() + "/q/health/live"), "liveness stays up while the store is away");
        Thread.sleep(Math.max(0, 60_000 - (System.nanoTime() - outageStarted) / 1_000_000));
        InfrastructureProcesses.startStore();
        Eventually.within(
                RECOVERY,
                "the trainer ready again after the store came back",
                () -> status(trainer.url() + "/q/health/ready") == 200 ? true : null);
        System.out.printf(
                "chaos: store stopped for 60 s; trainer ready %.1f s after it stopped%n",
                (System.nanoTime() - outageStarted) / 1e9);

        awaitState(runId, "COMPLETED", Duration.ofMinutes(8));
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(LocalStack.BUCKET));
        CheckpointManifest expected = checkpoints.latest(twin).orElseThrow();
        CheckpointManifest actual = checkpoints.latest(runId).orElseThrow();
        assertEquals(STEPS, actual.step());
        for (String part : PARTS) {
            assertEquals(
                    expected.part(part).sha256(),
                    actual.part(part).sha256(),
                    part + " differs: the run did not go on as if nothing had happened");
        }
        Eventually.within(RECOVERY, "every service ready again", () -> LocalStack.allReady() ? true : null);
    }

    /** A new trainer joins: partitions move (handed over) until the group settles. */
    private static void addTrainerAndLetTheGroupSettle() throws Exception {
        LocalStack.addTrainer();
        Thread.sleep(15_000);
    }

    /** Waits until the run trained a few more steps: the next fault lands in the middle of training. */
    private static void trainsOn(String runId) throws Exception {
        JsonNode run = run(runId);
        long step = run.get("step").asLong();
        assertTrue(step + 5 < STEPS, "the run must still be training for the next fault, at step " + step);
        awaitStep(runId, step + 5, RECOVERY);
    }

    private interface Fault {
        void inject() throws Exception;
    }

    /**
     * Injects a fault and waits until the run trains past the step it had reached; prints how long that took and how
     * many steps were trained again (those after its latest checkpoint). Returns the step it had reached.
     */
    private static long recover(String runId, String fault, Fault injection) throws Exception {
        JsonNode before = run(runId);
        long step = before.get("step").asLong();
        long checkpointed = before.get("latestCheckpointStep").asLong();
        long started = System.nanoTime();
        injection.inject();
        awaitStep(runId, step + 1, RECOVERY);
        System.out.printf(
                "chaos: %s at step %d: training again after %.1f s; at most %d steps trained again%n",
                fault, step, (System.nanoTime() - started) / 1e9, step - checkpointed);
        return step;
    }

    private interface TrainerFault {
        void inject(ServiceProcess holder) throws Exception;
    }

    /**
     * Injects a fault into the trainer that trains the run and waits until another one trains it; prints how long
     * that took and returns the steps trained again: the last step the old trainer trained (its log) less the step
     * the new one resumed from (its log).
     */
    private static long moved(String runId, String fault, TrainerFault injection) throws Exception {
        ServiceProcess holder = LocalStack.trainerOf(runId);
        String resumed = "run=" + runId + " resuming from checkpoint at step ";
        java.util.Map<ServiceProcess, Long> resumedBefore = new java.util.HashMap<>();
        for (ServiceProcess trainer : LocalStack.trainers()) {
            resumedBefore.put(trainer, trainer.logLinesContaining(resumed));
        }
        long started = System.nanoTime();
        injection.inject(holder);
        ServiceProcess next = Eventually.within(RECOVERY, "another trainer resumes " + runId, () -> {
            for (ServiceProcess trainer : LocalStack.trainers()) {
                if (trainer != holder
                        && trainer.logLinesContaining(resumed) > resumedBefore.getOrDefault(trainer, 0L)) {
                    return trainer;
                }
            }
            return null;
        });
        long lastTrained = holder.lastNumberAfter("run=" + runId + " epoch=", " step=");
        long resumedFrom = next.lastNumberAfter(resumed);
        awaitStep(runId, lastTrained + 1, RECOVERY);
        System.out.printf(
                "chaos: %s at step %d: resumed from step %d, training again after %.1f s; %d steps trained again%n",
                fault, lastTrained, resumedFrom, (System.nanoTime() - started) / 1e9, lastTrained - resumedFrom);
        return lastTrained - resumedFrom;
    }

    private static int status(String url) throws Exception {
        try {
            return HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void aStartSentWhileTheBrokerIsDownIsRefusedWith503AndTheRetryRunsToTheEnd() throws Exception {
        Map<String, Object> small = Map.of("epochs", 1, "batchSize", 50, "datasetLimit", 250, "seed", 3);
        InfrastructureProcesses.killBroker();
        String refusedRun;
        try {
            long started = System.nanoTime();
            HttpResponse<byte[]> refused = GatewayApi.send("/api/v1/runs", small);
            System.out.printf(
                    "chaos: start with the broker down answered %d in %.1f s%n",
                    refused.statusCode(), (System.nanoTime() - started) / 1e9);
            assertEquals(503, refused.statusCode(), new String(refused.body()));
            assertEquals(
                    "application/problem+json",
                    refused.headers().firstValue("Content-Type").orElse(""));
            assertTrue(refused.headers().firstValue("Retry-After").isPresent());
            java.util.regex.Matcher named = java.util.regex.Pattern.compile("run (\\S+) was not started")
                    .matcher(GatewayApi.JSON
                            .readTree(refused.body())
                            .get("detail")
                            .asText());
            assertTrue(named.find(), "the refusal names the run that was not started");
            refusedRun = named.group(1);
        } finally {
            InfrastructureProcesses.startBroker();
        }
        assertEquals(404, get("/api/v1/runs/" + refusedRun).statusCode(), "a refused start leaves no run behind");
        assertTrue(
                new RunSpecStore(LocalInfrastructure.store(LocalStack.BUCKET))
                        .load(refusedRun)
                        .isEmpty(),
                "a refused start leaves no spec for a trainer to take up");
        String runId = Eventually.within(RECOVERY, "a start accepted once the broker is back", () -> {
            HttpResponse<byte[]> response = GatewayApi.send("/api/v1/runs", small);
            return response.statusCode() == 201
                    ? GatewayApi.JSON.readTree(response.body()).get("runId").asText()
                    : null;
        });
        awaitState(runId, "COMPLETED", Duration.ofMinutes(5));
        Eventually.within(RECOVERY, "every service ready again", () -> LocalStack.allReady() ? true : null);
    }

    @Test
    void aSamplerKilledUnderLoadIsA503WhileAwayAndServesTheSameBytesWhenBack() throws Exception {
        String runId = post("/api/v1/runs", Map.of("epochs", 1, "batchSize", 50, "datasetLimit", 250, "seed", 5))
                .get("runId")
                .asText();
        long step = awaitState(runId, "COMPLETED", Duration.ofMinutes(5))
                .get("latestCheckpointStep")
                .asLong();
        String path = "/api/v1/runs/" + runId + "/images?class=5&count=4&seed=42&step=" + step;
        byte[] before = Eventually.within(RECOVERY, "images of " + runId, () -> {
            HttpResponse<byte[]> response = get(path);
            return response.statusCode() == 200 ? response.body() : null;
        });

        try (SamplerLoad load = SamplerLoad.start(path, 2)) {
            Thread.sleep(2_000);
            LocalStack.kill(LocalStack.sampler());
            long killed = System.nanoTime();
            Thread.sleep(5_000);
            LocalStack.restartSampler();
            Eventually.within(
                    RECOVERY, "the sampler serving again", () -> get(path).statusCode() == 200 ? true : null);
            System.out.printf(
                    "chaos: sampler SIGKILL under load: serving again after %.1f s%n",
                    (System.nanoTime() - killed) / 1e9);
            Thread.sleep(2_000);
            Duration drained = LocalStack.terminate(LocalStack.sampler());
            System.out.printf("chaos: sampler SIGTERM under load: shut down in %.1f s%n", drained.toMillis() / 1e3);
            LocalStack.restartSampler();
            Eventually.within(
                    RECOVERY, "the sampler serving again", () -> get(path).statusCode() == 200 ? true : null);
            Thread.sleep(2_000);
            SamplerLoad.Summary summary = load.stop();
            System.out.println("chaos: gateway answers under sampler faults: " + summary);
            assertTrue(summary.unexpected().isEmpty(), "answers other than 200, 429 or a problem+json 503: " + summary);
            assertTrue(summary.count(503) > 0, "the sampler's absence was noticed: " + summary);
            assertTrue(
                    summary.slowest503().compareTo(Duration.ofSeconds(5)) < 0,
                    "a 503 comes quickly, not after a timeout: " + summary);
        }
        HttpResponse<byte[]> after = get(path);
        assertEquals(200, after.statusCode());
        assertTrue(java.util.Arrays.equals(before, after.body()), "the new sampler serves the same bytes for the seed");
    }
}

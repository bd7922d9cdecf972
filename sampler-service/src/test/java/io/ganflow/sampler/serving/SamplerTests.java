package io.ganflow.sampler.serving;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.testing.LocalInfrastructure;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The sampler with the real broker and store: checkpoints announced on Kafka become served images. */
@QuarkusTest
@TestProfile(IsolatedStoreProfile.class)
class SamplerTests {

    private static BufferedImage png(byte[] bytes) throws IOException {
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    @Test
    void servesAGridWithOneRowPerClassFromTheAnnouncedCheckpoint() throws Exception {
        String runId = LocalInfrastructure.unique("grid");
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 40, false);
        Response response = TestCheckpoints.awaitGridAtStep(runId, 40);
        assertEquals("image/png", response.contentType());
        assertEquals(runId, response.header("X-Run-Id"));
        BufferedImage grid = png(response.asByteArray());
        assertEquals(10 * 28 + 9 * 2, grid.getWidth());
        assertEquals(10 * 28 + 9 * 2, grid.getHeight());

        byte[] again =
                given().queryParam("seed", 7).get("/runs/{run}/grid", runId).asByteArray();
        assertArrayEquals(response.asByteArray(), again, "same checkpoint and seed, same bytes");
        // a client that has these bytes is told so without a generation
        given().queryParam("seed", 7)
                .header("If-None-Match", response.header("ETag"))
                .get("/runs/{run}/grid", runId)
                .then()
                .statusCode(304)
                .header("X-Checkpoint-Step", "40");
        byte[] otherSeed =
                given().queryParam("seed", 8).get("/runs/{run}/grid", runId).asByteArray();
        assertFalse(java.util.Arrays.equals(again, otherSeed));

        BufferedImage shoes = png(given().queryParam("class", 7)
                .queryParam("count", 4)
                .get("/runs/{run}/images", runId)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray());
        assertEquals(4 * 28 + 3 * 2, shoes.getWidth());
        assertEquals(28, shoes.getHeight());
    }

    @Test
    void labelledImagesComeAsAZipWithLabelsCsvOrAsJsonAndTheSameSeedGivesTheSameImages() throws Exception {
        String runId = LocalInfrastructure.unique("labelled");
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 50, false);
        TestCheckpoints.awaitGridAtStep(runId, 50);

        Response zipped = given().accept("application/zip")
                .queryParam("count", 12)
                .queryParam("seed", 4)
                .get("/runs/{run}/images", runId);
        assertEquals(200, zipped.statusCode());
        assertEquals("50", zipped.header("X-Checkpoint-Step"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (java.util.zip.ZipInputStream zip =
                new java.util.zip.ZipInputStream(new ByteArrayInputStream(zipped.asByteArray()))) {
            for (var entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        assertEquals(13, entries.size(), "12 images and labels.csv");
        String[] csv = new String(entries.get("labels.csv")).strip().split("\n");
        assertEquals("file,label", csv[0]);
        assertEquals("image-000011.png,1", csv[12], "without a class, the classes take turns");
        BufferedImage first = png(entries.get("image-000000.png"));
        assertEquals(28, first.getWidth());

        var json = given().accept("application/json")
                .queryParam("class", 3)
                .queryParam("count", 2)
                .queryParam("seed", 4)
                .get("/runs/{run}/images", runId)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertEquals(runId, json.getString("runId"));
        assertEquals(50, json.getLong("step"));
        assertEquals(4, json.getLong("seed"));
        assertEquals(java.util.List.of(3, 3), json.getList("images.label"));
        byte[] decoded = java.util.Base64.getDecoder().decode(json.getString("images[0].png"));
        assertEquals(28, png(decoded).getHeight());

        byte[] againZip = given().accept("application/zip")
                .queryParam("count", 12)
                .queryParam("seed", 4)
                .get("/runs/{run}/images", runId)
                .asByteArray();
        assertArrayEquals(zipped.asByteArray(), againZip, "same checkpoint and seed, same archive");
    }

    @Test
    void requestsRunningWhileCheckpointsLandNeverFailAndMoveToTheNewStep() throws Exception {
        String runId = LocalInfrastructure.unique("hot-swap");
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 100, false);
        TestCheckpoints.awaitGridAtStep(runId, 100);

        java.util.List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.List<Long> steps = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        java.util.List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 3; c++) {
            Thread client = new Thread(() -> {
                while (running.get()) {
                    Response response = given().queryParam("class", 2)
                            .queryParam("count", 16)
                            .get("/runs/{run}/images", runId);
                    if (response.statusCode() != 200) {
                        failures.add(response.statusCode() + " " + response.asString());
                    } else {
                        steps.add(Long.parseLong(response.header("X-Checkpoint-Step")));
                    }
                }
            });
            client.start();
            clients.add(client);
        }
        for (long step : new long[] {200, 300, 400}) {
            TestCheckpoints.announce(TestCheckpoints.spec(runId), step, false);
            Thread.sleep(1500);
        }
        long deadline = System.currentTimeMillis() + 60_000;
        while (!steps.contains(400L) && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        running.set(false);
        for (Thread client : clients) {
            client.join();
        }
        assertEquals(java.util.List.of(), failures, "no request failed while the generator was swapped");
        assertTrue(steps.contains(400L), "responses moved to the newest checkpoint");
        assertTrue(steps.size() > 20, "requests kept flowing: " + steps.size());
        assertTrue(java.util.Set.of(100L, 200L, 300L, 400L).containsAll(steps), "only announced steps served");
    }

    @Test
    void aRequestPinnedToAnEarlierStepIsServedFromThatCheckpoint() throws Exception {
        String runId = LocalInfrastructure.unique("pinned");
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 10, false);
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 20, false);
        Response latest = TestCheckpoints.awaitGridAtStep(runId, 20);
        Response pinned = given().queryParam("seed", 7).queryParam("step", 10).get("/runs/{run}/grid", runId);
        assertEquals(200, pinned.statusCode());
        assertEquals("10", pinned.header("X-Checkpoint-Step"));
        assertEquals(
                "20",
                given().queryParam("seed", 7)
                        .queryParam("step", 20)
                        .get("/runs/{run}/grid", runId)
                        .header("X-Checkpoint-Step"));
        assertArrayEquals(
                pinned.asByteArray(),
                given().queryParam("seed", 7)
                        .queryParam("step", 10)
                        .get("/runs/{run}/grid", runId)
                        .asByteArray(),
                "the pinned step is deterministic too");
        assertFalse(pinned.header("ETag").equals(latest.header("ETag")));
        given().queryParam("step", 15)
                .get("/runs/{run}/grid", runId)
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(containsString("no valid checkpoint at step 15"));
    }

    @Test
    void aCorruptedCheckpointIsRefusedAndTheOldModelKeepsServing() throws Exception {
        String runId = LocalInfrastructure.unique("corrupt");
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 10, false);
        TestCheckpoints.awaitGridAtStep(runId, 10);
        double refusedBefore = refusedCheckpoints();
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 20, true);
        TestCheckpoints.announce(TestCheckpoints.spec(runId), 30, false);
        // the step-30 checkpoint arrives after the refused one; until then, and after, nothing but 10 or 30 is served
        TestCheckpoints.awaitGridAtStep(runId, 30);
        assertEquals(refusedBefore + 1, refusedCheckpoints(), "operators see the refusal in the metrics");
    }

    /** The refused-checkpoint counter as Prometheus scrapes it. */
    private static double refusedCheckpoints() {
        String metrics = given().get("/q/metrics").asString();
        return metrics.lines()
                .filter(line -> line.startsWith("ganflow_sampler_checkpoints_refused_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElse(0);
    }

    @Test
    void requestsOutOfBoundsAreProblemsNotCrashes() {
        given().queryParam("count", 1000)
                .get("/runs/{run}/images", "whatever")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body(containsString("count must be between 1 and 100"));
        given().get("/runs/{run}/grid", "no-such-run")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body(containsString("no checkpoint"));
    }
}

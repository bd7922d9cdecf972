package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.awaitState;
import static io.ganflow.e2e.GatewayApi.awaitStep;
import static io.ganflow.e2e.GatewayApi.get;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganflow.events.CheckpointManifest;
import io.ganflow.events.ImageBatch;
import io.ganflow.events.ImageBatchCodec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.KafkaTestClient;
import io.ganflow.testing.LocalInfrastructure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.Wait;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The whole pipeline on real parts: the four services as processes ({@link LocalStack}), the real Kafka broker and S3
 * server, and runs on the first 1,000 images of the real Fashion-MNIST (2 epochs of 20 batches).
 */
@ExtendWith(LocalStack.class)
class FashionMnistRunEndToEndTest {

    private static final String BUCKET = LocalStack.BUCKET;
    private static final String OPERATOR_KEY = LocalStack.OPERATOR_KEY;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aRunFlowsFromTheDatasetThroughKafkaAndTheTrainerToAServedGrid() throws Exception {
        JsonNode started = post(
                "/api/v1/runs",
                Map.of(
                        "epochs",
                        2,
                        "batchSize",
                        50,
                        "datasetLimit",
                        1000,
                        "checkpointEverySteps",
                        15,
                        "metricsEverySteps",
                        5,
                        "seed",
                        1));
        String runId = started.get("runId").asText();

        JsonNode run = awaitState(runId, "COMPLETED", Duration.ofMinutes(5));
        assertEquals(40, run.get("step").asLong(), "2 epochs of 1000 images in batches of 50");

        // batches flowed through Kafka: both epochs, every batch
        Set<String> batches =
                KafkaTestClient.await(ImageBatch.TOPIC, r -> runId.equals(r.key()), 40, Duration.ofSeconds(60)).stream()
                        .map(r -> ImageBatchCodec.decode(r.value()))
                        .map(b -> b.epoch() + "/" + b.index())
                        .collect(Collectors.toSet());
        assertEquals(40, batches.size());

        // the final checkpoint is in the store, every part matching its manifest
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(BUCKET));
        CheckpointManifest latest = checkpoints.latest(runId).orElseThrow();
        assertEquals(40, latest.step());
        for (CheckpointManifest.Part part : latest.parts()) {
            checkpoints.readPart(latest, part.name());
        }

        // the gateway serves a grid from exactly that checkpoint: 10 rows (classes) of 10 images of 28x28
        HttpResponse<byte[]> grid = awaitGridAtStep(runId, latest.step(), Duration.ofSeconds(60));
        assertEquals("image/png", grid.headers().firstValue("Content-Type").orElseThrow());
        // behind a key: only the client's browser keeps images; a refusal (no such step yet) is not kept at all
        assertEquals(
                "private, no-cache", grid.headers().firstValue("Cache-Control").orElse(""));
        HttpResponse<byte[]> notYet = get("/api/v1/runs/" + runId + "/grid?step=999999");
        assertEquals(404, notYet.statusCode());
        assertEquals("no-store", notYet.headers().firstValue("Cache-Control").orElse(""));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(grid.body()));
        assertEquals(298, image.getWidth());
        assertEquals(298, image.getHeight());
        Path saved = Path.of("target/e2e-grid-" + runId + ".png");
        Files.write(saved, grid.body());
        // a client that has the grid revalidates it: 304 through the gateway, nothing generated
        HttpResponse<byte[]> unchanged = HTTP.send(
                HttpRequest.newBuilder(
                                URI.create(LocalStack.gateway().url() + "/api/v1/runs/" + runId + "/grid?seed=5"))
                        .header("X-API-Key", OPERATOR_KEY)
                        .header(
                                "If-None-Match",
                                grid.headers().firstValue("ETag").orElseThrow())
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(304, unchanged.statusCode());

        HttpResponse<byte[]> sneakers = get("/api/v1/runs/" + runId + "/images?class=7&count=5&seed=3");
        assertEquals(200, sneakers.statusCode());
        assertEquals(
                5 * 28 + 4 * 2,
                ImageIO.read(new ByteArrayInputStream(sneakers.body())).getWidth());
        HttpResponse<byte[]> asJson = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                LocalStack.gateway().url() + "/api/v1/runs/" + runId + "/images?class=7&count=3"))
                        .header("X-API-Key", OPERATOR_KEY)
                        .header("Accept", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, asJson.statusCode(), new String(asJson.body()));
        JsonNode labelled = JSON.readTree(asJson.body());
        assertEquals(40, labelled.get("step").asLong());
        assertEquals(3, labelled.get("images").size());
        assertEquals(7, labelled.get("images").get(0).get("label").asInt());
    }

    @Test
    void aTrainerKilledMidRunResumesAndEndsWithTheSameWeightsAsAnUninterruptedRun() throws Exception {
        Map<String, Object> spec = Map.of(
                "epochs",
                2,
                "batchSize",
                50,
                "datasetLimit",
                1000,
                "checkpointEverySteps",
                7,
                "metricsEverySteps",
                1,
                "seed",
                11);
        String uninterrupted = post("/api/v1/runs", spec).get("runId").asText();
        awaitState(uninterrupted, "COMPLETED", Duration.ofMinutes(5));

        String interrupted = post("/api/v1/runs", spec).get("runId").asText();
        awaitStep(interrupted, 10, Duration.ofMinutes(3)); // past the checkpoint at step 7, before the one at 14
        LocalStack.killAndReplaceTrainer();
        awaitState(interrupted, "COMPLETED", Duration.ofMinutes(5));

        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(BUCKET));
        CheckpointManifest expected = checkpoints.latest(uninterrupted).orElseThrow();
        CheckpointManifest actual = checkpoints.latest(interrupted).orElseThrow();
        assertEquals(40, actual.step());
        for (String part : List.of(
                "generator.params",
                "discriminator.params",
                "generator-optimizer.state",
                "discriminator-optimizer.state")) {
            assertEquals(
                    expected.part(part).sha256(),
                    actual.part(part).sha256(),
                    part + " differs: the killed run did not continue as if nothing happened");
        }
    }

    @Test
    void aRunStartedWhileAnotherTrainsTakesTurnsWithItInsteadOfWaitingForItToFinish() throws Exception {
        // one epoch of 40 batches: asked for as a whole epoch, the second run's batches would queue behind all 40
        Map<String, Object> spec =
                Map.of("epochs", 1, "batchSize", 50, "datasetLimit", 2000, "metricsEverySteps", 1, "seed", 5);
        String first = post("/api/v1/runs", spec).get("runId").asText();
        awaitStep(first, 1, Duration.ofMinutes(2));
        String second = post("/api/v1/runs", spec).get("runId").asText();
        awaitStep(second, 1, Duration.ofMinutes(2));
        long firstStep = run(first).get("step").asLong();
        assertTrue(
                firstStep < 30,
                "the second run trained before the first was nearly done (first at step " + firstStep + " of 40)");
        awaitState(first, "COMPLETED", Duration.ofMinutes(3));
        awaitState(second, "COMPLETED", Duration.ofMinutes(3));
    }

    @Test
    void aDataSetUploadedThroughTheGatewayIsListedAndAConditionalDcganTrainsOnIt() throws Exception {
        String name = LocalInfrastructure.unique("colours");
        byte[] archive = ImageArchives.zip(ImageArchives.classFolders("colours", 10, 8, 40));
        HttpResponse<byte[]> uploaded = HTTP.send(
                HttpRequest.newBuilder(URI.create(
                                LocalStack.gateway().url() + "/api/v1/datasets/" + name + "?channels=3&side=32"))
                        .header("X-API-Key", OPERATOR_KEY)
                        .header("Content-Type", "application/zip")
                        .PUT(HttpRequest.BodyPublishers.ofByteArray(archive))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(201, uploaded.statusCode(), new String(uploaded.body()));
        JsonNode dataset = JSON.readTree(uploaded.body());
        assertEquals(10, dataset.get("classes").size());
        assertEquals(7, dataset.get("counts").get(9).asInt(), "8 images, one held out");
        assertEquals(1, dataset.get("heldOutCounts").get(9).asInt());
        assertEquals(10, dataset.get("skipped").size(), "one broken file per class, each named");

        JsonNode listed = JSON.readTree(get("/api/v1/datasets").body());
        List<String> names = new ArrayList<>();
        listed.forEach(d -> names.add(d.get("name").asText()));
        assertTrue(names.containsAll(List.of("fashion-mnist", "cifar-10", name)), names.toString());

        String runId = post(
                        "/api/v1/runs",
                        Map.of(
                                "model",
                                "cdcgan-cifar10",
                                "dataset",
                                name,
                                "epochs",
                                1,
                                "batchSize",
                                16,
                                "checkpointEverySteps",
                                5))
                .get("runId")
                .asText();
        JsonNode run = awaitState(runId, "COMPLETED", Duration.ofMinutes(3));
        assertEquals(4, run.get("step").asLong(), "70 training images in batches of 16");
        HttpResponse<byte[]> grid = awaitGridAtStep(runId, 4, Duration.ofSeconds(60));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(grid.body()));
        assertEquals(10 * 32 + 9 * 2, image.getHeight(), "one row of 32x32 images per class");

        // its checkpoints are measured like a built-in data set's: the evaluator started a reference classifier for
        // it (tested on its 10 held-out images), and judges the GAN's images with it
        JsonNode measured = Eventually.within(Duration.ofMinutes(5), "a measured checkpoint of " + runId, () -> {
            JsonNode quality =
                    JSON.readTree(get("/api/v1/runs/" + runId + "/quality").body());
            return quality.has("checkpoints") && quality.get("checkpoints").size() > 0
                    ? quality.get("checkpoints").get(0)
                    : null;
        });
        assertEquals("classifier-" + name, measured.get("classifierRunId").asText(), measured.toString());
        assertEquals(10, measured.get("heldOutImages").asInt(), "its held-out split");
    }

    @Test
    void aPersonInABrowserStartsARunWatchesItsCurvesAndSamplesAndGeneratesAClass() throws Exception {
        ChromeDriver browser = Browser.start();
        try {
            // signed in as ./gan up's link does: the key in the URL's fragment
            browser.get(LocalStack.gateway().url() + "/#key=" + OPERATOR_KEY);
            String runId = LocalInfrastructure.unique("browser");
            WebElement form = new WebDriverWait(browser, Duration.ofSeconds(30))
                    .until(driver -> driver.findElement(By.id("start")));
            fill(form, "runId", runId);
            fill(form, "epochs", "1");
            fill(form, "batchSize", "50");
            fill(form, "datasetLimit", "1000");
            fill(form, "checkpointEverySteps", "5");
            form.findElement(By.id("start-submit")).click();

            // the page redraws parts of itself as events arrive: an element replaced between finding and reading it
            // is read again on the next poll
            Wait<WebDriver> wait =
                    new WebDriverWait(browser, Duration.ofMinutes(3)).ignoring(StaleElementReferenceException.class);
            // the page goes to the new run's view, whose address names it
            wait.until(driver -> browser.executeScript("return location.hash").equals("#/runs/" + runId));
            // its loss chart appears as metrics arrive over Server-Sent Events
            wait.until(driver ->
                    !driver.findElements(By.cssSelector("#chart-lossD canvas")).isEmpty());
            // and the sample grid of its last checkpoint is shown, with a frame per checkpoint in the filmstrip
            wait.until(driver ->
                    browser.findElement(By.id("checkpoint-label")).getText().startsWith("step 20")
                            && ((Number) browser.executeScript("const img = document.getElementById('samples');"
                                                    + " return img && img.complete ? img.naturalWidth : 0"))
                                            .intValue()
                                    == 298);
            // as many frames as the run has stored checkpoints (retention keeps some of steps 5, 10, 15 and 20)
            int stored = JSON.readTree(
                            get("/api/v1/runs/" + runId + "/checkpoints").body())
                    .size();
            wait.until(driver ->
                    driver.findElements(By.cssSelector("#filmstrip li")).size() == stored);
            assertTrue(stored >= 2, "checkpoints kept: " + stored);
            String rows = browser.findElement(By.cssSelector(".checkpoint figcaption"))
                    .getText();
            assertTrue(rows.contains("Sneaker"), "the rows are named by class: " + rows);

            // a frame of the filmstrip shows that checkpoint, and the address says which
            WebElement earlier =
                    browser.findElements(By.cssSelector("#filmstrip button")).get(0);
            String earlierStep = earlier.getAttribute("aria-label").replace("show step ", "");
            earlier.click();
            wait.until(driver ->
                    browser.findElement(By.id("checkpoint-label")).getText().startsWith("step " + earlierStep));
            assertTrue(((String) browser.executeScript("return location.hash")).contains("step=" + earlierStep));
            // one class's row across checkpoints: Sneaker's row of each grid, cut out
            new Select(browser.findElement(By.id("filmstrip-class"))).selectByVisibleText("Sneaker");
            wait.until(driver ->
                    ((Number) browser.executeScript("return [...document.querySelectorAll('#filmstrip canvas')]"
                                            + ".filter(c => c.height === 28).length"))
                                    .intValue()
                            == stored);

            WebElement generate = browser.findElement(By.id("generate"));
            new Select(generate.findElement(By.name("class"))).selectByValue("7");
            fill(generate, "count", "6");
            WebElement button = generate.findElement(By.tagName("button"));
            assertEquals(
                    "7: Sneaker",
                    new Select(generate.findElement(By.name("class")))
                            .getFirstSelectedOption()
                            .getText());
            button.click();
            // the sampler may not serve the run yet (it loads checkpoints as they are announced): like a person,
            // try again when the page shows a problem
            wait.until(driver -> {
                Number width = (Number) browser.executeScript("const img = document.getElementById('generated');"
                        + " return !img || !img.complete ? 0 : img.naturalWidth");
                if (width.intValue() == 6 * 28 + 5 * 2) {
                    return true;
                }
                if (!browser.findElement(By.id("generate-problem")).getText().isEmpty()) {
                    button.click();
                }
                return false;
            });

            // a synthetic data set of the run, 2 images per class as IDX files, scored, downloaded from the page's link
            WebElement synthetic = browser.findElement(By.id("synthetic"));
            fill(synthetic, "imagesPerClass", "2");
            new Select(synthetic.findElement(By.name("format"))).selectByValue("idx");
            synthetic.findElement(By.name("score")).click();
            synthetic.findElement(By.tagName("button")).click();
            String download = wait.until(driver -> {
                List<WebElement> links = browser.findElements(By.id("synthetic-download"));
                return links.isEmpty() ? null : links.get(0).getAttribute("href");
            });
            Map<String, byte[]> files = ImageArchives.unzip(HTTP.send(
                            HttpRequest.newBuilder(URI.create(download)).build(),
                            HttpResponse.BodyHandlers.ofByteArray())
                    .body());
            byte[] labels = files.get("labels-idx1-ubyte");
            assertEquals(8 + 20, labels.length, "IDX header and 20 labels");
            assertEquals(16 + 20 * 28 * 28, files.get("images-idx3-ubyte").length, "IDX header and 20 images");
            // the evaluator trained a classifier on those 20 images and one on 20 real ones, and the page says how
            // both did on the 10,000 real test images
            String score = wait.until(driver -> {
                List<WebElement> shown = browser.findElements(By.id("synthetic-score"));
                return shown.isEmpty() || !shown.get(0).getText().contains("trained on it")
                        ? null
                        : shown.get(0).getText();
            });
            assertTrue(
                    score.matches(".*trained on it \\d+\\.\\d%, on as many real images \\d+\\.\\d% \\(10000 real.*"),
                    score);
            // the synthetic data sets view lists it
            browser.get(LocalStack.gateway().url() + "/#/synthetic");
            wait.until(driver ->
                    driver.findElement(By.id("synthetic-sets")).getText().contains(runId));
            browser.navigate().back();

            // the evaluator measures the run's checkpoints once Fashion-MNIST's reference classifier is trained (the
            // first cGAN checkpoint of the stack started it): the quality charts fill, the best checkpoint (lowest
            // FCD) can be shown with its figures and its confusion matrix as a heat map named by class
            WebElement best = new WebDriverWait(browser, Duration.ofMinutes(8))
                    .ignoring(StaleElementReferenceException.class)
                    .until(driver -> {
                        WebElement found = driver.findElement(By.id("best"));
                        return found.isEnabled() ? found : null;
                    });
            best.click();
            wait.until(driver ->
                    browser.findElement(By.id("checkpoint-label")).getText().contains("best FCD"));
            String figures = browser.findElement(By.id("figures")).getText();
            assertTrue(
                    figures.contains("label accuracy") && figures.contains("FCD") && figures.contains("(best)"),
                    figures);
            assertTrue(
                    !browser.findElements(By.cssSelector("#chart-fcd canvas")).isEmpty(), "the FCD curve");
            String confusion = browser.findElement(By.id("confusion")).getText();
            assertTrue(confusion.contains("Sneaker") && confusion.contains("Ankle boot"), confusion);

            // a click on the loss curve shows the checkpoint of that moment
            browser.findElement(By.id("latest")).click();
            wait.until(driver -> !((String) browser.executeScript("return location.hash")).contains("step="));
            WebElement plot = browser.findElement(By.cssSelector("#chart-lossD .u-over"));
            new Actions(browser).moveToElement(plot).click().perform();
            wait.until(driver -> ((String) browser.executeScript("return location.hash")).matches(".*step=\\d+.*"));
            WebPage.screenshot(browser, "run-trained", 1600);

            // the page's link to the Kafka interface: one section per topic of the AsyncAPI document, with its fields
            browser.findElement(By.linkText("Kafka interface")).click();
            List<String> topics = new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> {
                List<String> shown = driver.findElements(By.cssSelector("section h2")).stream()
                        .map(WebElement::getText)
                        .toList();
                return shown.isEmpty() ? null : shown;
            });
            assertTrue(
                    topics.containsAll(
                            List.of("synthetic-dataset-requests", "synthetic-dataset-results", "run-status")),
                    topics.toString());
            assertTrue(browser.findElement(By.tagName("body")).getText().contains("Your service produces here"));
            Files.write(Path.of("target/browser-asyncapi.png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (TimeoutException e) {
            Files.write(Path.of("target/browser-failed.png"), browser.getScreenshotAs(OutputType.BYTES));
            String problems = browser.findElements(By.cssSelector(".problem")).stream()
                    .map(WebElement::getText)
                    .filter(text -> !text.isBlank())
                    .collect(Collectors.joining(" / "));
            throw new AssertionError(
                    "the page did not get there (target/browser-failed.png); problems shown: " + problems, e);
        } finally {
            browser.quit();
        }
    }

    private static void fill(WebElement form, String name, String value) {
        WebElement input = form.findElement(By.name(name));
        input.clear();
        input.sendKeys(value);
    }

    private static HttpResponse<byte[]> awaitGridAtStep(String runId, long step, Duration timeout) throws Exception {
        return Eventually.within(timeout, "a grid of run " + runId + " at step " + step, () -> {
            HttpResponse<byte[]> response = get("/api/v1/runs/" + runId + "/grid?seed=5");
            String servedStep =
                    response.headers().firstValue("X-Checkpoint-Step").orElse("");
            return response.statusCode() == 200 && servedStep.equals(String.valueOf(step)) ? response : null;
        });
    }
}

package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.get;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ganflow.events.Json;
import io.ganflow.events.RunSpec;
import io.ganflow.events.RunStatus;
import io.ganflow.events.TrainingMetrics;
import io.ganflow.testing.ImageArchives;
import io.ganflow.testing.LocalInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web UI in real Chromium against the real stack, with 20 runs of 2,000 metrics points each on the real topics
 * (their statuses and points as a trainer sends them): every view at a narrow and a wide window, accessibility,
 * keyboard, a reader's view, the forms' problems, and how the page holds up while points stream in.
 */
@ExtendWith(LocalStack.class)
class WebUiEndToEndTest {

    private static final int RUNS = 20;
    private static final int POINTS = 2_000;
    private static final int METRICS_EVERY = 10;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PREFIX = LocalInfrastructure.unique("ui");
    private static final List<String> RUN_IDS =
            IntStream.range(0, RUNS).mapToObj(i -> PREFIX + "-" + i).toList();
    private static final long START_MILLIS = System.currentTimeMillis() - 3_600_000;

    @BeforeAll
    static void twentyRunsOfTwoThousandPointsEach() throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            for (int run = 0; run < RUNS; run++) {
                String runId = RUN_IDS.get(run);
                producer.send(status(runId, run, POINTS));
                for (int point = 1; point <= POINTS; point++) {
                    producer.send(metrics(runId, run, point));
                }
            }
            producer.flush();
        }
        String last = RUN_IDS.get(RUNS - 1);
        Eventually.within(
                Duration.ofMinutes(2),
                "the gateway holds every point",
                () -> JSON.readTree(get("/api/v1/runs/" + last + "/metrics").body())
                                        .size()
                                == POINTS
                        ? true
                        : null);
    }

    @Test
    void twentyRunsOfTwoThousandPointsAreChartedQuicklyAndThePageKeepsPaintingWhilePointsStreamIn() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.OPERATOR_KEY);
        try {
            browser.get("about:blank");
            browser.get(LocalStack.gateway().url() + "/#/compare?runs=" + String.join(",", RUN_IDS));
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofMinutes(1));
            wait.until(driver ->
                    driver.findElements(By.cssSelector(".chart canvas")).size() >= 5);
            long allMetricCharts = ((Number) browser.executeScript("return Math.round(performance.now())")).longValue();
            long firstChart = ((Number) browser.executeScript(
                            "return Math.round(performance.getEntriesByName('first-chart')[0].startTime)"))
                    .longValue();
            int legendRows = browser.findElements(By.cssSelector("#chart-lossD .u-legend tr"))
                    .size();
            assertEquals(RUNS + 1, legendRows, "every run has its line on the loss chart (and the x read-out)");

            AtomicBoolean streaming = new AtomicBoolean(true);
            Thread stream = new Thread(() -> streamPoints(streaming));
            stream.start();
            List<Double> frames = WebPage.frameIntervals(browser, 10_000);
            streaming.set(false);
            stream.join();

            String figures = String.format(
                    "20 runs x 2000 points: first chart %d ms after navigation, the metric charts %d ms;"
                            + " while 200 points/s streamed in for 10 s: %d frames, frame time p50 %.1f ms,"
                            + " p95 %.1f ms, max %.1f ms%n",
                    firstChart,
                    allMetricCharts,
                    frames.size(),
                    WebPage.percentile(frames, 0.5),
                    WebPage.percentile(frames, 0.95),
                    frames.get(frames.size() - 1));
            System.out.print(figures);
            Files.createDirectories(Path.of("target/screenshots"));
            Files.writeString(Path.of("target/screenshots/figures.txt"), figures);
            WebPage.screenshot(browser, "compare-20-runs", 1600);
            assertTrue(frames.size() >= 20, "the page kept painting while points streamed in: " + figures);

            // the streamed points reached the page over the one event stream: the run's own view says its step
            browser.get(LocalStack.gateway().url() + "/#/runs/" + RUN_IDS.get(0));
            long streamedStep = ((long) POINTS + streamedPoints) * METRICS_EVERY;
            wait.until(driver -> driver.findElement(By.id("caption")).getText().contains("step " + streamedStep));
        } finally {
            browser.quit();
        }
    }

    @Test
    void everyViewAtANarrowAndAWideWindowWithNoSeriousAccessibilityViolations() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.OPERATOR_KEY);
        try {
            record View(String name, String fragment, String shownWhen) {}
            List<View> views = List.of(
                    new View("runs", "#/runs", "#runs tbody tr"),
                    new View("run", "#/runs/" + RUN_IDS.get(1), "#chart-lossD canvas"),
                    new View(
                            "compare",
                            "#/compare?runs=" + RUN_IDS.get(1) + "," + RUN_IDS.get(2) + "&smoothing=0.8&x=relative",
                            "#chart-lossD canvas"),
                    new View("models", "#/models", "#models-title"),
                    new View("studies", "#/studies", "#studies-title"),
                    new View("datasets", "#/datasets", "#datasets tbody tr"),
                    new View("synthetic", "#/synthetic", "#synthetic-title"));
            List<String> problems = new ArrayList<>();
            for (View view : views) {
                browser.get(LocalStack.gateway().url() + "/" + view.fragment());
                new WebDriverWait(browser, Duration.ofSeconds(30))
                        .until(driver -> !driver.findElements(By.cssSelector(view.shownWhen()))
                                .isEmpty());
                for (int width : new int[] {800, 1600}) {
                    WebPage.screenshot(browser, view.name(), width);
                    Number overflow = (Number)
                            browser.executeScript("return document.documentElement.scrollWidth - window.innerWidth");
                    if (overflow.intValue() > 1) {
                        problems.add(view.name() + " at " + width + " px is " + overflow + " px too wide");
                    }
                }
                WebPage.seriousAccessibilityViolations(browser).forEach(v -> problems.add(view.name() + ": " + v));
            }
            assertEquals(List.of(), problems);
        } finally {
            browser.quit();
        }
    }

    @Test
    void aKeyboardAloneMovesBetweenViewsFiltersAndSortsTheRunsTable() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.OPERATOR_KEY);
        try {
            browser.get(LocalStack.gateway().url() + "/#/runs");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(driver ->
                    !driver.findElements(By.cssSelector("#runs tbody tr")).isEmpty());
            assertEquals(
                    "Skip to content", tabUntil(browser, "Skip to content", 3).getText());
            tabUntil(browser, "Data sets", 6).sendKeys(Keys.ENTER);
            wait.until(driver ->
                    ((String) ((ChromeDriver) driver).executeScript("return location.hash")).equals("#/datasets"));
            tabUntil(browser, "Runs", 4, true).sendKeys(Keys.ENTER);
            wait.until(driver -> !driver.findElements(By.id("runs-filter")).isEmpty());

            WebElement filter = tabUntilId(browser, "runs-filter", 20);
            filter.sendKeys(PREFIX + "-1");
            // ui-...-1 and ui-...-10 to -19
            wait.until(driver ->
                    driver.findElements(By.cssSelector("#runs tbody tr")).size() == 11);
            WebElement speed = browser.findElement(By.xpath("//th[.//button[starts-with(., 'img/s')]]"));
            speed.findElement(By.tagName("button")).sendKeys(Keys.ENTER);
            wait.until(driver -> "descending".equals(speed.getAttribute("aria-sort")));
            List<Double> shown = browser.findElements(By.cssSelector("#runs tbody tr td:nth-child(10)")).stream()
                    .map(cell -> Double.parseDouble(cell.getText()))
                    .toList();
            List<Double> sorted = new ArrayList<>(shown);
            sorted.sort((a, b) -> Double.compare(b, a));
            assertEquals(sorted, shown, "fastest first");

            // grouped by model: one group of the 11 shown, headed by its model
            new Select(browser.findElement(By.id("runs-group"))).selectByValue("model");
            wait.until(driver -> driver.findElements(By.cssSelector("#runs tr.group")).stream()
                    .anyMatch(row -> row.getText().startsWith("cgan-fashion-mnist 11 runs")));
            new Select(browser.findElement(By.id("runs-group"))).selectByValue("");

            // select two with the keyboard and compare them: the link names both runs
            for (String runId : List.of(PREFIX + "-12", PREFIX + "-13")) {
                browser.findElement(By.cssSelector("input[aria-label='select " + runId + "']"))
                        .sendKeys(Keys.SPACE);
            }
            WebElement compare = browser.findElement(By.id("compare-selected"));
            assertTrue(compare.getText().startsWith("Compare 2"), compare.getText());
            compare.sendKeys(Keys.ENTER);
            wait.until(driver -> ((String) ((ChromeDriver) driver).executeScript("return location.hash"))
                    .contains(PREFIX + "-12," + PREFIX + "-13"));
        } finally {
            browser.quit();
        }
    }

    @Test
    void aReaderSeesRunsAndDataButNoControlThatChangesThem() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.READER_KEY);
        try {
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            browser.get(LocalStack.gateway().url() + "/#/runs");
            wait.until(driver ->
                    !driver.findElements(By.cssSelector("#runs tbody tr")).isEmpty());
            assertTrue(browser.findElement(By.id("role")).getText().startsWith("reader"));
            assertTrue(browser.findElements(By.id("start")).isEmpty(), "no start form");
            assertTrue(browser.findElements(By.xpath("//button[text()='Stop']")).isEmpty(), "no stop buttons");
            browser.get(LocalStack.gateway().url() + "/#/runs/" + RUN_IDS.get(0));
            wait.until(driver -> !driver.findElements(By.id("caption")).isEmpty());
            assertTrue(browser.findElements(By.id("stop")).isEmpty(), "no stop on the run's page");
            browser.get(LocalStack.gateway().url() + "/#/datasets");
            wait.until(driver ->
                    !driver.findElements(By.cssSelector("#datasets tbody tr")).isEmpty());
            assertTrue(browser.findElements(By.id("upload")).isEmpty(), "no upload form");
        } finally {
            browser.quit();
        }
    }

    @Test
    void theStartFormTakesItsDefaultsAndLimitsFromTheApiAndShowsItsProblemAtTheField() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.OPERATOR_KEY);
        try {
            browser.get(LocalStack.gateway().url() + "/#/runs");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            WebElement form = wait.until(driver -> driver.findElement(By.id("start")));
            assertEquals(
                    String.valueOf(RunSpec.MAX_BATCH_SIZE),
                    form.findElement(By.id("start-batchSize")).getAttribute("max"));
            new Select(form.findElement(By.id("start-model"))).selectByValue("dcgan-cifar10");
            wait.until(driver ->
                    "128".equals(driver.findElement(By.id("start-latentSize")).getAttribute("value")));
            new Select(browser.findElement(By.id("start-model"))).selectByValue("cgan-fashion-mnist");
            wait.until(driver ->
                    "100".equals(driver.findElement(By.id("start-latentSize")).getAttribute("value")));

            WebElement epochs = browser.findElement(By.id("start-epochs"));
            epochs.clear();
            epochs.sendKeys("0");
            browser.findElement(By.id("start-submit")).click();
            String problem = wait.until(
                    driver -> driver.findElement(By.id("start-epochs-problem")).getText());
            assertTrue(problem.contains("epochs must be between 1 and 10000, was 0"), problem);
            WebPage.screenshot(browser, "start-form-problem", 1600);
        } finally {
            browser.quit();
        }
    }

    @Test
    void anOperatorUploadsADataSetFromTheDataSetsViewAndSeesARefusalInTheApisWords() throws Exception {
        ChromeDriver browser = signedIn(LocalStack.OPERATOR_KEY);
        try {
            Path archive = Path.of("target/ui-upload.zip").toAbsolutePath();
            Files.write(archive, ImageArchives.zip(ImageArchives.classFolders("shapes", 3, 4, 16)));
            browser.get(LocalStack.gateway().url() + "/#/datasets");
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
            WebElement form = wait.until(driver -> driver.findElement(By.id("upload")));

            form.findElement(By.id("upload-name")).sendKeys("Not A Name");
            form.findElement(By.id("upload-archive")).sendKeys(archive.toString());
            form.findElement(By.tagName("button")).click();
            String refused = wait.until(driver -> {
                String shown = driver.findElement(By.id("upload-problem")).getText();
                return shown.isBlank() ? null : shown;
            });
            assertTrue(refused.contains("name"), "the API's problem is shown at the form: " + refused);

            String name = LocalInfrastructure.unique("ui-upload");
            WebElement nameField = browser.findElement(By.id("upload-name"));
            nameField.clear();
            nameField.sendKeys(name);
            WebElement side = browser.findElement(By.id("upload-side"));
            side.clear();
            side.sendKeys("16");
            browser.findElement(By.cssSelector("#upload button")).click();
            String result = wait.until(
                    driver -> driver.findElement(By.id("upload-result")).getText());
            assertTrue(result.contains("12 images in 3 classes"), result);
            wait.until(driver -> driver.findElement(By.id("datasets")).getText().contains(name));
        } finally {
            browser.quit();
        }
    }

    private static volatile int streamedPoints;

    /** One point per run every 100 ms (200 points a second) until told to stop. */
    private static void streamPoints(AtomicBoolean streaming) {
        try (KafkaProducer<String, String> producer = producer()) {
            int point = POINTS;
            while (streaming.get()) {
                point += 1;
                for (int run = 0; run < RUNS; run++) {
                    producer.send(metrics(RUN_IDS.get(run), run, point));
                }
                producer.flush();
                streamedPoints = point - POINTS;
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ChromeDriver signedIn(String key) throws Exception {
        ChromeDriver browser = Browser.start();
        browser.get(LocalStack.gateway().url() + "/#key=" + key);
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(driver -> !driver.findElements(By.id("role")).isEmpty());
        return browser;
    }

    private static WebElement tabUntil(ChromeDriver browser, String text, int most) {
        return tabUntil(browser, text, most, false);
    }

    private static WebElement tabUntil(ChromeDriver browser, String text, int most, boolean backwards) {
        for (int i = 0; i < most; i++) {
            Actions press = new Actions(browser);
            if (backwards) {
                press.keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
            } else {
                press.sendKeys(Keys.TAB).perform();
            }
            WebElement focused = browser.switchTo().activeElement();
            if (text.equals(focused.getText())) {
                return focused;
            }
        }
        throw new AssertionError("no '" + text + "' within " + most + " presses of Tab");
    }

    private static WebElement tabUntilId(ChromeDriver browser, String id, int most) {
        for (int i = 0; i < most; i++) {
            new Actions(browser).sendKeys(Keys.TAB).perform();
            WebElement focused = browser.switchTo().activeElement();
            if (id.equals(focused.getAttribute("id"))) {
                return focused;
            }
        }
        throw new AssertionError("no #" + id + " within " + most + " presses of Tab");
    }

    private static KafkaProducer<String, String> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, LocalInfrastructure.kafkaBootstrapServers());
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    private static ProducerRecord<String, String> status(String runId, int run, int points) {
        RunSpec defaults = RunSpec.defaults(runId);
        RunSpec spec = new RunSpec(
                runId,
                defaults.model(),
                defaults.dataset(),
                50,
                32 + 32 * (run % 4),
                1e-4 * (1 + run % 5),
                defaults.beta1(),
                defaults.beta2(),
                defaults.latentSize(),
                defaults.checkpointEverySteps(),
                METRICS_EVERY,
                run,
                0);
        RunStatus status = new RunStatus(
                RunStatus.VERSION,
                runId,
                RunStatus.State.RUNNING,
                1,
                (long) points * METRICS_EVERY,
                -1,
                spec,
                "",
                System.currentTimeMillis());
        return new ProducerRecord<>(RunStatus.TOPIC, runId, Json.write(status));
    }

    /** A curve like a GAN's: losses settling with noise, a little different for each run. */
    private static ProducerRecord<String, String> metrics(String runId, int run, int point) {
        double settled = Math.exp(-point / (300.0 + 20 * run));
        double wobble = 0.05 * Math.sin(point / 7.0 + run);
        TrainingMetrics metrics = new TrainingMetrics(
                TrainingMetrics.VERSION,
                runId,
                point / 100,
                (long) point * METRICS_EVERY,
                0.6 + 0.8 * settled + wobble,
                1.0 + 2.0 * (1 - settled) + wobble + 0.01 * run,
                0.55 + 0.3 * settled,
                0.45 - 0.3 * settled,
                400 + 10 * run + 5 * Math.sin(point / 13.0),
                START_MILLIS + point * 500L);
        return new ProducerRecord<>(TrainingMetrics.TOPIC, runId, Json.write(metrics));
    }
}

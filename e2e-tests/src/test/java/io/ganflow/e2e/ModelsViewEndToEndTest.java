package io.ganflow.e2e;

import static io.ganflow.e2e.GatewayApi.JSON;
import static io.ganflow.e2e.GatewayApi.post;
import static io.ganflow.e2e.GatewayApi.put;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganflow.events.CheckpointParts;
import io.ganflow.events.RunSpec;
import io.ganflow.store.CheckpointStore;
import io.ganflow.store.RunSpecStore;
import io.ganflow.testing.LocalInfrastructure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator promotes a model's version and rolls it back in the models view, in real Chromium against the real
 * stack; a move made meanwhile by someone else is refused and shown in the API's words, never overwritten.
 */
@ExtendWith(LocalStack.class)
class ModelsViewEndToEndTest {

    @Test
    void anOperatorPromotesAndRollsBackAndAMoveMadeMeanwhileIsRefusedNotOverwritten() throws Exception {
        String runId = LocalInfrastructure.unique("ui-model-run");
        new RunSpecStore(LocalInfrastructure.store(LocalStack.BUCKET)).save(RunSpec.defaults(runId));
        CheckpointStore checkpoints = new CheckpointStore(LocalInfrastructure.store(LocalStack.BUCKET));
        for (long step : new long[] {100, 200}) {
            checkpoints.write(runId, step, 0, Map.of(CheckpointParts.SAMPLES, grid((int) step)));
        }
        String model = LocalInfrastructure.unique("ui-model");
        assertEquals(
                200,
                put("/api/v1/models/" + model, Map.of("dataset", "fashion-mnist", "family", "cgan-fashion-mnist"), null)
                        .statusCode());
        post("/api/v1/models/" + model + "/versions", Map.of("runId", runId, "step", "100"));
        post("/api/v1/models/" + model + "/versions", Map.of("runId", runId, "step", "200"));

        ChromeDriver browser = Browser.start();
        try {
            browser.get(LocalStack.gateway().url() + "/#key=" + LocalStack.OPERATOR_KEY);
            WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
            wait.until(driver -> !driver.findElements(By.id("role")).isEmpty());
            browser.get(LocalStack.gateway().url() + "/#/models/" + model);
            wait.until(driver ->
                    driver.findElements(By.cssSelector("#versions tbody tr")).size() == 2);

            moveInForm(browser, "1", "first release");
            wait.until(driver -> aliasesOf(driver, "v1").contains("production"));
            moveInForm(browser, "2", "lower FCD");
            wait.until(driver -> aliasesOf(driver, "v2").contains("production"));
            wait.until(driver -> driver.findElement(By.cssSelector(".alias-history ol li"))
                    .getText()
                    .contains("v1 → v2"));

            browser.findElement(By.id("roll-back-production")).click();
            wait.until(driver -> aliasesOf(driver, "v1").contains("production"));
            String rolledBack = wait.until(driver -> {
                String latest = driver.findElement(By.cssSelector(".alias-history ol li"))
                        .getText();
                return latest.contains("v2 → v1") ? latest : null;
            });
            assertTrue(rolledBack.contains("roll back from v2"), rolledBack);
            WebPage.screenshot(browser, "model", 1600);
            assertEquals(List.of(), WebPage.seriousAccessibilityViolations(browser));

            // someone else moves production while this page still shows the alias as it was
            assertEquals(
                    200,
                    put("/api/v1/models/" + model + "/aliases/production", Map.of("version", 2), null)
                            .statusCode());
            moveInForm(browser, "1", "stale page");
            String refused = wait.until(driver -> {
                String shown = driver.findElement(By.id("move-problem")).getText();
                return shown.isBlank() ? null : shown;
            });
            assertTrue(refused.contains("has moved"), refused);
            assertEquals(2, currentVersion(model), "the other move stands");
        } finally {
            browser.quit();
        }
    }

    private static void moveInForm(ChromeDriver browser, String version, String reason) {
        new Select(browser.findElement(By.id("move-version"))).selectByValue(version);
        browser.findElement(By.id("move-reason")).clear();
        browser.findElement(By.id("move-reason")).sendKeys(reason);
        browser.findElement(By.cssSelector("#move-alias button")).click();
    }

    /** The aliases shown in the versions table's row of {@code version} ("v1"). */
    private static String aliasesOf(org.openqa.selenium.WebDriver driver, String version) {
        return driver.findElements(By.cssSelector("#versions tbody tr")).stream()
                .filter(row -> row.findElement(By.cssSelector("td")).getText().equals(version))
                .map(row -> row.findElements(By.cssSelector("td")).get(1).getText())
                .findFirst()
                .orElse("");
    }

    private static int currentVersion(String model) throws Exception {
        return JSON.readTree(GatewayApi.get("/api/v1/models/" + model + "/aliases/production")
                        .body())
                .get("toVersion")
                .asInt();
    }

    /** A small grey PNG, a shade per step, standing in for a checkpoint's sample grid. */
    private static byte[] grid(int shade) throws Exception {
        BufferedImage image = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 40; y++) {
            for (int x = 0; x < 40; x++) {
                image.getRaster().setSample(x, y, 0, (x * y + shade) % 256);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        return png.toByteArray();
    }
}

package io.ganflow.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * What the browser tests look at beyond elements: full-page screenshots at a width, accessibility (axe-core, from the
 * web UI's own npm project, where the gateway's build installed it) and the page's frame times.
 */
final class WebPage {

    /** axe-core's engine, injected into pages: the gateway's build put it there (a devDependency of the web UI). */
    private static final Path AXE = Path.of("../gateway/src/main/webui/node_modules/axe-core/axe.min.js");

    private WebPage() {}

    /** A screenshot of the whole page at {@code width} px, however long it is, kept as test output. */
    static Path screenshot(ChromeDriver browser, String name, int width) throws Exception {
        browser.manage().window().setSize(new Dimension(width, 900));
        Thread.sleep(400); // charts follow their box's new width on the next frame
        Number height = (Number) browser.executeScript("return document.documentElement.scrollHeight");
        browser.manage().window().setSize(new Dimension(width, Math.min(8000, height.intValue() + 20)));
        Thread.sleep(300);
        Path file = Path.of("target/screenshots/" + name + "-" + width + ".png");
        Files.createDirectories(file.getParent());
        Files.write(file, browser.getScreenshotAs(OutputType.BYTES));
        return file;
    }

    /** The WCAG A and AA violations of impact serious or critical on the page now, each as "rule: target, ...". */
    @SuppressWarnings("unchecked")
    static List<String> seriousAccessibilityViolations(ChromeDriver browser) throws Exception {
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        browser.executeScript(Files.readString(AXE));
        List<Map<String, Object>> violations =
                (List<Map<String, Object>>) browser.executeAsyncScript("const done = arguments[arguments.length - 1];"
                        + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21aa']}})"
                        + "  .then(result => done(result.violations.filter("
                        + "    v => v.impact === 'serious' || v.impact === 'critical')"
                        + "  .map(v => ({id: v.id, targets: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))))"
                        + "  .catch(error => done([{id: 'axe failed: ' + error, targets: []}]));");
        return violations.stream()
                .map(v -> v.get("id") + ": " + v.get("targets"))
                .toList();
    }

    /** The page's frame intervals over {@code millis}, in ms, sorted (requestAnimationFrame to the next). */
    @SuppressWarnings("unchecked")
    static List<Double> frameIntervals(ChromeDriver browser, int millis) {
        browser.manage().timeouts().scriptTimeout(Duration.ofMillis(millis + 30_000));
        List<Number> intervals = (List<Number>) browser.executeAsyncScript(
                "const done = arguments[arguments.length - 1]; const until = performance.now() + arguments[0];"
                        + "const intervals = []; let last = performance.now();"
                        + "function frame(now) { intervals.push(now - last); last = now;"
                        + "  if (now < until) requestAnimationFrame(frame); else done(intervals.sort((a, b) => a - b)); }"
                        + "requestAnimationFrame(frame);",
                millis);
        return intervals.stream().map(Number::doubleValue).toList();
    }

    static double percentile(List<Double> sorted, double share) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(share * sorted.size())));
    }
}

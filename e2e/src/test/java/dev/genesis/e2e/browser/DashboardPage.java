package dev.genesis.e2e.browser;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import dev.genesis.common.json.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard page as a test sees it: its task nodes ({@code data-task-id}, {@code data-state}),
 * the states each node went through, and the update lag the page measures itself
 * ({@code window.genesisMetrics}).
 */
public final class DashboardPage {

    /** Collects every state each DAG node shows, in order, including nodes drawn later. */
    private static final String RECORD_STATES = """
            window.genesisSeen = {};
            const record = (node) => {
              // Keyed by the run shown: the page may show an older run's DAG before the test's own.
              if (!node.isConnected || !node.hasAttribute('data-task-id')) return;
              const run = document.getElementById('run-panel').dataset.runId || '';
              const id = run + '/' + node.getAttribute('data-task-id');
              const seen = (window.genesisSeen[id] = window.genesisSeen[id] || []);
              const state = node.getAttribute('data-state');
              if (seen[seen.length - 1] !== state) seen.push(state);
            };
            new MutationObserver((mutations) => mutations.forEach((m) => {
              if (m.type === 'attributes') { record(m.target); return; }
              m.addedNodes.forEach((n) => {
                if (n.nodeType !== 1) return;
                if (n.hasAttribute('data-task-id')) record(n);
                n.querySelectorAll('[data-task-id]').forEach(record);
              });
            })).observe(document.getElementById('dag'),
              { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
            """;

    private final ChromeDriver driver;

    public DashboardPage(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Loads the page, waits until its live stream is connected and marks the document to detect reloads. */
    public DashboardPage open(String baseUrl) {
        driver.get(baseUrl + "/");
        await().atMost(Duration.ofSeconds(20)).until(() -> "live".equals(
                driver.findElement(By.id("connection")).getDomAttribute("data-state")));
        driver.executeScript("window.genesisDocument = 'first-load';" + RECORD_STATES);
        return this;
    }

    /** Whether this is still the document {@link #open} loaded (no reload happened since). */
    public boolean sameDocument() {
        return "first-load".equals(driver.executeScript("return window.genesisDocument || null;"));
    }

    /** The run the detail panel shows, or null. */
    public String shownRunId() {
        return (String) driver.executeScript("return document.getElementById('run-panel').dataset.runId || null;");
    }

    /** Task id to the state its DAG node shows now. */
    public Map<String, String> nodeStates() {
        return read("""
                const states = {};
                document.querySelectorAll('#dag [data-task-id]').forEach((n) =>
                  states[n.getAttribute('data-task-id')] = n.getAttribute('data-state'));
                return JSON.stringify(states);""", new TypeReference<>() { });
    }

    /** Task id to every state its node showed for run {@code runId} since {@link #open}, without repeats. */
    public Map<String, List<String>> seenStates(String runId) {
        Map<String, List<String>> all = read("return JSON.stringify(window.genesisSeen || {});",
                new TypeReference<>() { });
        Map<String, List<String>> ofRun = new TreeMap<>();
        all.forEach((key, states) -> {
            if (key.startsWith(runId + "/")) {
                ofRun.put(key.substring(runId.length() + 1), states);
            }
        });
        return ofRun;
    }

    /** The text of the first element matching {@code cssSelector}, or null when there is none. */
    public String text(String cssSelector) {
        return (String) driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.textContent.trim() : null;", cssSelector);
    }

    /** An attribute of the first element matching {@code cssSelector}, or null. */
    public String attribute(String cssSelector, String name) {
        return (String) driver.executeScript(
                "const e = document.querySelector(arguments[0]); return e ? e.getAttribute(arguments[1]) : null;",
                cssSelector, name);
    }

    /** How many elements match {@code cssSelector}. */
    public long count(String cssSelector) {
        return (Long) driver.executeScript("return document.querySelectorAll(arguments[0]).length;", cssSelector);
    }

    /**
     * Holds back the answer to each request for one run's detail ({@code api/runs/{id}}) by
     * {@code delay} after it arrived: the server reads the run at once, the page sees that reading
     * late, with the live deltas of the meantime already streamed in.
     */
    public void delayRunDetails(Duration delay) {
        driver.executeScript("const delayMs = arguments[0]; const fetchNow = window.fetch.bind(window);"
                + " window.fetch = (url, init) => { const answer = fetchNow(url, init);"
                + " if (!/api\\/runs\\/[^/?]+$/.test(String(url))) return answer;"
                + " return answer.then((r) => new Promise((done) => setTimeout(() => done(r), delayMs))); };",
                delay.toMillis());
    }

    /** Forgets the lag samples and render timings collected so far. */
    public void resetMetrics() {
        driver.executeScript("const m = window.genesisMetrics; m.lag = []; m.renders = 0; m.renderMsTotal = 0;"
                + " m.renderMsMax = 0;");
    }

    /** The page's own measurements: {@code lag[]} ({@code oldestMs}, {@code newestMs}, {@code tasks}), render timings. */
    public JsonNode metrics() {
        try {
            return Json.mapper().readTree((String) driver.executeScript(
                    "const m = window.genesisMetrics; return JSON.stringify({lag: m.lag, renders: m.renders,"
                            + " renderMsTotal: m.renderMsTotal, renderMsMax: m.renderMsMax});"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Saves the whole window as PNG. */
    public void screenshot(Path file) throws IOException {
        save(driver.getScreenshotAs(OutputType.FILE).toPath(), file);
    }

    /**
     * Saves one element (found by CSS selector) as PNG. The page redraws live, so a picture taken
     * while the element changed size is taken again (a few times at most).
     */
    public void screenshot(String cssSelector, Path file) throws IOException {
        for (int attempt = 0; attempt < 5; attempt++) {
            WebElement element = driver.findElement(By.cssSelector(cssSelector));
            Rectangle before = element.getRect();
            Path taken = element.getScreenshotAs(OutputType.FILE).toPath();
            if (before.equals(driver.findElement(By.cssSelector(cssSelector)).getRect()) || attempt == 4) {
                save(taken, file);
                return;
            }
            Files.delete(taken);
        }
    }

    private static void save(Path taken, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.move(taken, file, StandardCopyOption.REPLACE_EXISTING);
    }

    private <T> T read(String script, TypeReference<T> type) {
        try {
            return Json.mapper().readValue((String) driver.executeScript(script), type);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

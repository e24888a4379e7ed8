// Declared in dev.genesis.e2e although it sits under browser/: Stack is package-private there.
package dev.genesis.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genesis.common.json.Json;
import dev.genesis.common.testing.ServiceProcess;
import dev.genesis.e2e.browser.DashboardPage;
import dev.genesis.e2e.browser.HeadlessChromium;
import dev.genesis.e2e.browser.LagFigures;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard page in headless Chromium against the whole stack of real processes: task nodes
 * change state live, without a reload, and a 2,000-task run reaches the page with a small lag.
 * Screenshots and the lag figures are build artifacts under {@code e2e/target}.
 */
class DashboardBrowserEndToEndTest {

    private static final String DASHBOARD = "http://localhost:" + Stack.DASHBOARD;
    private static final String QUEUE = "http://localhost:" + Stack.QUEUE;
    private static final Path TARGET = ServiceProcess.repositoryRoot().resolve("e2e/target");
    /** Tasks in examples/demo.yaml. */
    private static final int DEMO_TASKS = 14;

    private static Stack stack;
    private HeadlessChromium browser;
    private DashboardPage page;

    @BeforeAll
    static void startStack() throws Exception {
        stack = new Stack();
        stack.startAll(1);
        await().atMost(Duration.ofSeconds(30)).until(() ->
                Stack.get(DASHBOARD + "/api/workers").toString().contains("ALIVE"));
    }

    @AfterAll
    static void stopStack() throws Exception {
        if (stack != null) {
            stack.close();
        }
    }

    @BeforeEach
    void openPage() throws Exception {
        browser = HeadlessChromium.start(1600, 1100);
        page = new DashboardPage(browser.driver()).open(DASHBOARD);
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void taskNodesChangeStateLiveWithoutAReload() throws Exception {
        String runId = submit(Files.readString(ServiceProcess.repositoryRoot().resolve("examples/demo.yaml")));
        await().atMost(Duration.ofSeconds(20)).until(() -> runId.equals(page.shownRunId()));

        AtomicBoolean capturedInProgress = new AtomicBoolean();
        List<String> etas = new ArrayList<>();
        AtomicBoolean lockShown = new AtomicBoolean();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (page.count("#dag [data-state=RUNNING]") > 0) {
                etas.add(page.text("#fig-eta"));
            }
            // demo.yaml's tasks write files in lock mode: their leases show in the locks panel while they run.
            lockShown.compareAndSet(false, page.count("#locks tr[data-path][data-mode=write]") > 0);
            Map<String, String> nodes = page.nodeStates();
            long succeeded = nodes.values().stream().filter("SUCCEEDED"::equals).count();
            if (!capturedInProgress.get() && nodes.containsValue("RUNNING") && succeeded >= 5) {
                // Mid-run pictures: the DAG and the timeline filling in, the worker's busy slots.
                page.screenshot(TARGET.resolve("screenshots/dashboard-in-progress.png"));
                page.screenshot(".workers-panel", TARGET.resolve("screenshots/workers.png"));
                capturedInProgress.set(true);
            }
            return nodes.size() == DEMO_TASKS && nodes.values().stream().allMatch("SUCCEEDED"::equals);
        });
        assertThat(capturedInProgress).as("a moment with running and finished tasks was seen").isTrue();

        Map<String, List<String>> seen = page.seenStates(runId);
        assertThat(seen).hasSize(DEMO_TASKS);
        seen.forEach((task, states) -> assertThat(states).as("states %s showed", task)
                .containsSubsequence("RUNNING", "SUCCEEDED").endsWith("SUCCEEDED"));
        // Tasks behind the first layer were drawn waiting and then changed in place.
        assertThat(seen.values().stream().filter(states -> states.get(0).equals("PENDING")
                || states.get(0).equals("READY")).count()).as("tasks first drawn waiting: %s", seen)
                .isGreaterThanOrEqualTo(DEMO_TASKS - 2);
        assertThat(page.sameDocument()).as("the page was never reloaded").isTrue();

        // ETA: a duration while running (once a task succeeded, before that unknown), 0 s at the end.
        assertThat(etas).as("ETA texts seen while running").isNotEmpty()
                .allMatch(eta -> eta.matches("–|-|< 1 s|\\d+ s|\\d+ m \\d{2} s"))
                .anyMatch(eta -> eta.matches("< 1 s|\\d+ s|\\d+ m \\d{2} s"));
        await().atMost(Duration.ofSeconds(10)).until(() -> "0 s".equals(page.text("#fig-eta")));
        // Charts drawn from live deltas: tasks finished per second and dispatch latency.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(page.attribute("#chart-throughput path.bars", "d")).isNotBlank();
            assertThat(page.text("#chart-throughput-readout")).matches(".*\\b[1-9]\\d* in 5 min");
            assertThat(page.text("#chart-latency-readout")).contains("p50 ").contains("p99 ");
        });
        assertThat(page.attribute("#locks-status", "data-state")).isEqualTo("ok");
        assertThat(lockShown).as("a held write lock was listed while the demo ran").isTrue();
        page.screenshot(TARGET.resolve("screenshots/dashboard.png"));
        assertThat(Files.size(TARGET.resolve("screenshots/dashboard.png"))).isPositive();
    }

    @Test
    void changesThatStreamInWhileARunLoadsAreNotLost() throws Exception {
        // The page loads a new run's detail when the run appears; the answer, read by the server
        // at once, reaches the page only after the whole run has finished. Every change of the
        // meantime came as a live delta while that load was in flight, and none follows it.
        page.delayRunDetails(Duration.ofSeconds(8));
        int layers = 3;
        int width = 6;
        String runId = submit(layeredSpec("loads-under-deltas", layers, width, 150));

        awaitSucceeded(runId, Duration.ofMinutes(1), Duration.ofMillis(200));
        assertThat(page.shownRunId()).as("the detail is still on its way").isNotEqualTo(runId);
        awaitShownAllSucceeded(runId, layers * width);
        assertThat(page.sameDocument()).isTrue();
    }

    @Test
    void twoThousandTaskRunReachesThePageWithASmallLag() throws Exception {
        int layers = 10;
        int width = 200;
        page.resetMetrics();
        String runId = submit(layeredSpec("browser-2000", layers, width, 5));

        awaitSucceeded(runId, Duration.ofMinutes(5), Duration.ofMillis(500));
        awaitShownAllSucceeded(runId, layers * width);
        assertThat(page.sameDocument()).isTrue();

        JsonNode measured = page.metrics();
        List<Long> oldest = new ArrayList<>();
        List<Long> newest = new ArrayList<>();
        measured.get("lag").forEach(sample -> {
            oldest.add(sample.get("oldestMs").asLong());
            newest.add(sample.get("newestMs").asLong());
        });
        LagFigures worst = LagFigures.of(oldest);
        LagFigures best = LagFigures.of(newest);
        ObjectNode report = Json.mapper().createObjectNode();
        report.put("run", runId).put("tasks", layers * width).put("layers", layers);
        report.put("what", "per SSE delta: browser time at the end of the render that shows it minus the time of the"
                + " oldest (and newest) run or task event the delta carries");
        report.set("oldestEventLagMs", Json.mapper().valueToTree(worst));
        report.set("newestEventLagMs", Json.mapper().valueToTree(best));
        report.put("renders", measured.get("renders").asLong());
        report.put("renderMsMean", Math.round(measured.get("renderMsTotal").asDouble()
                / Math.max(1, measured.get("renders").asLong()) * 10) / 10.0);
        report.put("renderMsMax", Math.round(measured.get("renderMsMax").asDouble() * 10) / 10.0);
        Files.createDirectories(TARGET);
        Files.writeString(TARGET.resolve("dashboard-lag.json"), report.toPrettyString());
        page.screenshot(TARGET.resolve("screenshots/dashboard-2000.png"));

        // Deltas go out every 100 ms: a healthy page shows most changes within a few batches.
        assertThat(worst.samples()).as(report.toPrettyString()).isGreaterThan(20);
        assertThat(worst.p50Ms()).as(report.toPrettyString()).isLessThan(1_000);
        assertThat(worst.p99Ms()).as(report.toPrettyString()).isLessThan(5_000);
        assertThat(measured.get("renderMsMax").asDouble()).as("slowest render, ms").isLessThan(1_000);
    }

    /** Waits until the queue no longer reports the run RUNNING, and asserts it SUCCEEDED. */
    private static void awaitSucceeded(String runId, Duration atMost, Duration pollInterval) throws Exception {
        await().atMost(atMost).pollInterval(pollInterval).until(() ->
                !"RUNNING".equals(Stack.get(QUEUE + "/api/runs/" + runId).get("state").asText()));
        assertThat(Stack.get(QUEUE + "/api/runs/" + runId).get("state").asText()).isEqualTo("SUCCEEDED");
    }

    /** Within 20 s the page shows the run, with its {@code tasks} nodes all SUCCEEDED. */
    private void awaitShownAllSucceeded(String runId, int tasks) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(page.shownRunId()).isEqualTo(runId);
            Map<String, String> nodes = page.nodeStates();
            assertThat(nodes).hasSize(tasks);
            assertThat(nodes.values()).containsOnly("SUCCEEDED");
        });
    }

    /** {@code layers} layers of {@code width} sleep tasks; each task waits on two of the layer before. */
    private static String layeredSpec(String name, int layers, int width, int sleepMs) {
        ObjectNode spec = Json.mapper().createObjectNode().put("name", name);
        var tasks = spec.putArray("tasks");
        for (int layer = 0; layer < layers; layer++) {
            for (int i = 0; i < width; i++) {
                ObjectNode task = tasks.addObject().put("id", "l" + layer + "-t" + i).put("kind", "sleep");
                task.putObject("params").put("ms", sleepMs);
                if (layer > 0) {
                    task.putArray("dependsOn").add("l" + (layer - 1) + "-t" + i)
                            .add("l" + (layer - 1) + "-t" + (i + 1) % width);
                }
            }
        }
        return spec.toString();
    }

    private static String submit(String spec) throws Exception {
        String type = spec.startsWith("{") ? "application/json" : "application/yaml";
        HttpResponse<String> created = Stack.post(QUEUE + "/api/runs", type, spec);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return Json.mapper().readTree(created.body()).get("id").asText();
    }
}

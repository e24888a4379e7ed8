package dev.genesis.queue.metrics;

import static dev.genesis.queue.support.RunApi.WAIT;
import static dev.genesis.queue.support.RunApi.awaitRunState;
import static dev.genesis.queue.support.RunApi.submit;
import static dev.genesis.queue.support.Specs.aTask;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.PrometheusScrape;
import dev.genesis.queue.support.FakeWorker;
import dev.genesis.queue.support.FakeWorker.Reply;
import dev.genesis.queue.support.RunApi;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The queue's metrics on /q/metrics, after runs that really went through it (fake worker, real broker and database). */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
class QueueMetricsTest {

    private static final String SERVICE = "queue-service";
    private static final String RETRIES = "genesis_queue_retries_total";
    private static final String FINISHED = "genesis_queue_tasks_finished_total";
    private static final String RUNS_SUBMITTED = "genesis_queue_runs_submitted_total";
    private static final String RUNS_FINISHED = "genesis_queue_runs_finished_total";
    private static final String LATENCY = "genesis_queue_dispatch_latency_seconds";

    @BeforeEach
    void cancelLeftoverRuns() {
        RunApi.cancelLeftoverRuns();
    }

    @Test
    void aFailedAttemptThatIsRetriedIsCountedByCauseAndEveryDispatchLandsInTheLatencyHistogram() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker worker = new FakeWorker(2, d -> d.taskId().equals("flaky") && d.attempt() == 1
                ? Reply.FAIL : Reply.SUCCEED)) {
            var run = submit(aTask("flaky").kind("fail", Map.of("times", 1)).retry(3, 10),
                    aTask("after").dependsOn("flaky"));
            awaitRunState(run, "SUCCEEDED");
        }

        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.since(before, RETRIES, "cause", "error")).as("retries").isEqualTo(1);
            assertThat(after.since(before, RETRIES, "cause", "timeout")).isZero();
            assertThat(after.since(before, FINISHED, "state", "SUCCEEDED")).as("tasks succeeded").isEqualTo(2);
            assertThat(after.since(before, FINISHED, "state", "FAILED")).isZero();
            assertThat(after.since(before, RUNS_SUBMITTED)).isEqualTo(1);
            assertThat(after.since(before, RUNS_FINISHED, "state", "SUCCEEDED")).isEqualTo(1);
            // flaky twice, after once: three dispatches, each in the +Inf bucket and the count.
            assertThat(after.since(before, LATENCY + "_count")).isEqualTo(3);
            assertThat(after.since(before, LATENCY + "_bucket", "le", "+Inf")).isEqualTo(3);
        });
    }

    @Test
    void aTaskThatFailsForGoodIsCountedFailedAndItsDescendantsSkipped() throws Exception {
        PrometheusScrape before = scrape();
        try (FakeWorker worker = new FakeWorker(2, d -> d.taskId().equals("bad") ? Reply.FAIL : Reply.SUCCEED)) {
            var run = submit(aTask("bad").kind("fail", Map.of()).retry(2, 10), aTask("child").dependsOn("bad"),
                    aTask("grandchild").dependsOn("child"), aTask("ok"));
            awaitRunState(run, "FAILED");
        }

        await().atMost(WAIT).untilAsserted(() -> {
            PrometheusScrape after = scrape();
            assertThat(after.since(before, RETRIES)).as("retries of any cause").isEqualTo(1);
            assertThat(after.since(before, FINISHED, "state", "FAILED")).isEqualTo(1);
            assertThat(after.since(before, FINISHED, "state", "SKIPPED")).isEqualTo(2);
            assertThat(after.since(before, FINISHED, "state", "SUCCEEDED")).isEqualTo(1);
            assertThat(after.since(before, RUNS_FINISHED, "state", "FAILED")).isEqualTo(1);
        });
    }

    @Test
    void theDispatchLatencyIsARealHistogramWithTheTargetBuckets() {
        PrometheusScrape now = scrape();
        assertThat(now.typeOf(LATENCY)).isEqualTo("histogram");
        for (String le : new String[] {"0.001", "0.005", "0.025", "0.1", "1.0", "300.0", "+Inf"}) {
            assertThat(now.has(LATENCY + "_bucket", "le", le)).as("bucket le=%s", le).isTrue();
        }
        // Every meter carries the service tag (scrape() requires it), and the counters show before their first event.
        assertThat(now.has("genesis_queue_depth")).isTrue();
        assertThat(now.has(RETRIES, "cause", "conflict")).isTrue();
        assertThat(now.has(FINISHED, "state", "CANCELLED")).isTrue();
    }

    /** This service's samples only: every lookup requires its service tag. */
    private static PrometheusScrape scrape() {
        return PrometheusScrape.of(given().get("/q/metrics").then().statusCode(200).extract().asString())
                .withLabel("service", SERVICE);
    }
}

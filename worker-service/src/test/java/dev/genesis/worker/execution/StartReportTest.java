package dev.genesis.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StartReportTest {

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final Instant startedAt = Instant.parse("2026-11-29T08:00:00Z");

    @AfterEach
    void stopTimers() {
        timers.shutdownNow();
    }

    @Test
    void anAttemptThatEndsWithinTheDelayCarriesItsStartAndNothingIsSentLater() throws InterruptedException {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 100, timers);
        assertThat(report.end()).isEqualTo(startedAt);
        Thread.sleep(250);
        assertThat(sent).isEmpty();
        assertThat(report.end()).as("the start is handed out once").isNull();
    }

    @Test
    void anAttemptThatOutlivesTheDelaySendsItsStartOnceAndItsResultCarriesNone() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 20, timers);
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 1);
        report.sendNow();
        assertThat(report.end()).isNull();
        assertThat(sent).containsExactly("started");
    }

    @Test
    void progressBeforeTheDelaySendsTheStartFirst() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 60_000, timers);
        report.sendNow();
        assertThat(sent).containsExactly("started");
        assertThat(report.end()).isNull();
    }

    @Test
    void aZeroDelaySendsAtOnce() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 0, timers);
        assertThat(sent).containsExactly("started");
        assertThat(report.end()).isNull();
    }

    @Test
    void aStartIsNeverSentAfterTheResult() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 60_000, timers);
        report.end();
        report.sendNow();
        assertThat(sent).isEmpty();
    }
}

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
    void anEarlySendSaysTheStartOnce() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 60_000, timers);
        report.sendNow();
        assertThat(sent).containsExactly("started");
        assertThat(report.end()).isNull();
    }

    @Test
    void progressWithinTheDelayWaitsForTheStartAndOnlyTheLatestIsSent() {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 100, timers);
        assertThat(report.hold(() -> sent.add("progress 10%"))).isTrue();
        assertThat(report.hold(() -> sent.add("progress 20%"))).isTrue();
        assertThat(sent).as("nothing before the start").isEmpty();
        await().atMost(Duration.ofSeconds(2)).until(() -> sent.size() == 2);
        assertThat(sent).containsExactly("started", "progress 20%");
        assertThat(report.hold(() -> sent.add("progress 90%"))).as("after the start, the caller sends").isFalse();
        assertThat(report.end()).isNull();
    }

    @Test
    void progressHeldWhenTheAttemptEndsIsDroppedForTheResult() throws InterruptedException {
        StartReport report = StartReport.schedule(startedAt, () -> sent.add("started"), 100, timers);
        assertThat(report.hold(() -> sent.add("progress 100%"))).isTrue();
        assertThat(report.end()).isEqualTo(startedAt);
        assertThat(report.hold(() -> sent.add("late progress"))).as("dropped, not sent by the caller").isTrue();
        Thread.sleep(250);
        assertThat(sent).isEmpty();
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

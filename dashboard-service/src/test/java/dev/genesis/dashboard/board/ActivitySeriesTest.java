package dev.genesis.dashboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivitySeriesTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aBusySecondKeepsABoundedSampleWhosePercentilesStayClose() {
        ActivitySeries series = new ActivitySeries();
        int starts = 5 * ActivitySeries.MAX_SAMPLES;
        // Latencies 0..4999 ms in a scrambled order, all in one second.
        for (int i = 0; i < starts; i++) {
            series.recordLatency(T0, Duration.ofMillis((i * 7919L) % starts), T0);
        }

        SeriesPoint point = series.points(T0).get(ActivitySeries.WINDOW_SECONDS - 1);
        assertThat(point.started()).isEqualTo(starts);
        assertThat(point.latencyP50Ms()).isBetween(2250.0, 2750.0);
        assertThat(point.latencyP99Ms()).isBetween(4800.0, 5000.0);
    }

    @Test
    void aReusedBucketForgetsTheSecondItHeldBefore() {
        ActivitySeries series = new ActivitySeries();
        series.recordFinish(T0, T0);
        series.recordLatency(T0, Duration.ofMillis(5), T0);

        Instant later = T0.plusSeconds(ActivitySeries.WINDOW_SECONDS);
        series.recordFinish(later, later);

        SeriesPoint point = series.points(later).get(ActivitySeries.WINDOW_SECONDS - 1);
        assertThat(point.finished()).isEqualTo(1);
        assertThat(point.started()).isZero();
        assertThat(point.latencyP50Ms()).isNull();
    }
}

package dev.genesis.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    private static final String TEXT = """
            # HELP genesis_queue_retries_total Failed attempts re-queued
            # TYPE genesis_queue_retries_total counter
            genesis_queue_retries_total{cause="error",service="queue-service"} 3.0
            genesis_queue_retries_total{cause="timeout",service="queue-service"} 1.0
            # TYPE genesis_queue_dispatch_latency_seconds histogram
            genesis_queue_dispatch_latency_seconds_bucket{service="queue-service",le="0.005"} 2.0
            genesis_queue_dispatch_latency_seconds_bucket{service="queue-service",le="+Inf"} 5.0
            genesis_queue_depth 7.0
            genesis_odd{text="a \\"quoted\\", comma"} NaN
            """;

    private final PrometheusScrape scrape = PrometheusScrape.of(TEXT);

    @Test
    void aSampleIsPickedByNameAndSomeOfItsLabels() {
        assertThat(scrape.value("genesis_queue_retries_total", "cause", "timeout")).isEqualTo(1.0);
        assertThat(scrape.value("genesis_queue_dispatch_latency_seconds_bucket", "le", "+Inf")).isEqualTo(5.0);
        assertThat(scrape.value("genesis_queue_depth")).isEqualTo(7.0);
    }

    @Test
    void matchingSamplesAreSummedAndAMissingOneIsZero() {
        assertThat(scrape.value("genesis_queue_retries_total", "service", "queue-service")).isEqualTo(4.0);
        assertThat(scrape.value("genesis_queue_retries_total", "cause", "conflict")).isZero();
        assertThat(scrape.has("genesis_queue_retries_total", "cause", "conflict")).isFalse();
    }

    @Test
    void aRequiredLabelNarrowsEveryLookupAndSinceIsTheGrowth() {
        PrometheusScrape queue = scrape.withLabel("service", "queue-service");
        assertThat(queue.value("genesis_queue_depth")).as("has no service label").isZero();
        assertThat(queue.value("genesis_queue_retries_total")).isEqualTo(4.0);
        PrometheusScrape later = PrometheusScrape.of(TEXT.replace("} 3.0", "} 5.0")).withLabel("service", "queue-service");
        assertThat(later.since(queue, "genesis_queue_retries_total", "cause", "error")).isEqualTo(2.0);
    }

    @Test
    void typesAndQuotedLabelValuesAreRead() {
        assertThat(scrape.typeOf("genesis_queue_dispatch_latency_seconds")).isEqualTo("histogram");
        assertThat(scrape.has("genesis_odd", "text", "a \\\"quoted\\\", comma")).isTrue();
        assertThat(scrape.value("genesis_odd")).isNaN();
    }
}

package dev.genesis.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** Against the real broker of the README's test command ({@code GENESIS_KAFKA_BOOTSTRAP}, default localhost:9092). */
class RoundTripTest {

    private static final String BOOTSTRAP = System.getenv().getOrDefault("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");

    @Test
    void timesEveryRecordAndRemovesItsTopic() throws Exception {
        RoundTrip.Figures figures = RoundTrip.measure(BOOTSTRAP, 5, 12);

        assertThat(figures.samples()).isEqualTo(12);
        assertThat(figures.p50Ms()).isPositive().isLessThanOrEqualTo(figures.p90Ms());
        assertThat(figures.p90Ms()).isLessThanOrEqualTo(figures.maxMs());
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BOOTSTRAP))) {
            Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            assertThat(topics).noneMatch(name -> name.startsWith("genesis.probe.roundtrip-"));
        }
    }

    @Test
    void figuresAreTheOrderStatisticsOfTheSamples() {
        RoundTrip.Figures figures = RoundTrip.Figures.of(new double[] {7, 1, 10, 3, 9, 2, 8, 4, 6, 5});

        assertThat(figures).isEqualTo(new RoundTrip.Figures(10, 5, 9, 10));
        assertThat(RoundTrip.Figures.of(new double[] {4.5})).isEqualTo(new RoundTrip.Figures(1, 4.5, 4.5, 4.5));
    }

    @Test
    void nonsenseIsRefusedBeforeAnyTopicIsMade() {
        assertThatThrownBy(() -> RoundTrip.measure(BOOTSTRAP, 5, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RoundTrip.measure(BOOTSTRAP, -1, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}

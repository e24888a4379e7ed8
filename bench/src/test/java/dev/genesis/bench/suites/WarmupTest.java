package dev.genesis.bench.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void theStackHasLevelledOffWhenTwoBatchesInARowGainedLessThanTenPercent() {
        assertThat(Warmup.levelled(List.of())).isFalse();
        assertThat(Warmup.levelled(List.of(100.0, 105.0))).as("one level batch is not enough").isFalse();
        assertThat(Warmup.levelled(List.of(100.0, 105.0, 112.0))).isTrue();
        assertThat(Warmup.levelled(List.of(100.0, 150.0, 160.0))).as("the first step still gained 50 %").isFalse();
        assertThat(Warmup.levelled(List.of(269.0, 262.0, 290.0, 265.0, 292.0))).as("a dip is not the pace").isFalse();
        assertThat(Warmup.levelled(List.of(436.0, 452.0, 383.0))).isTrue();
    }

    @Test
    void whereTheCompilersCanBeReadTheStackIsWarmOnceTheyGoQuiet() {
        List<Double> rates = List.of(100.0, 105.0, 112.0);
        assertThat(Warmup.warm(rates, Arrays.asList(0.5, 0.3, 0.2))).as("levelled, but still compiling").isFalse();
        assertThat(Warmup.warm(rates, Arrays.asList(0.5, 0.3, 0.08))).isTrue();
        assertThat(Warmup.warm(List.of(100.0, 300.0), Arrays.asList(0.05, 0.05))).as("two batches are too few").isFalse();
        assertThat(Warmup.warm(rates, Arrays.asList(null, null, null))).as("unreadable: the pace decides").isTrue();
        assertThat(Warmup.warm(List.of(), List.of())).isFalse();
    }
}

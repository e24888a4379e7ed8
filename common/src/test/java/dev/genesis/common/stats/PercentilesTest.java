package dev.genesis.common.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    private static final List<Integer> ONE_TO_HUNDRED = IntStream.rangeClosed(1, 100).boxed().toList();

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        assertThat(Percentiles.of(ONE_TO_HUNDRED, 50)).isEqualTo(50);
        assertThat(Percentiles.of(ONE_TO_HUNDRED, 99)).isEqualTo(99);
        assertThat(Percentiles.of(ONE_TO_HUNDRED, 100)).isEqualTo(100);
        assertThat(Percentiles.of(ONE_TO_HUNDRED, 0)).isEqualTo(1);
    }

    @Test
    void percentileIgnoresInputOrder() {
        assertThat(Percentiles.of(List.of(9.0, 1.0, 5.0), 50)).isEqualTo(5.0);
    }

    @Test
    void medianAveragesTheMiddlePairOfAnEvenCount() {
        assertThat(Percentiles.median(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
        assertThat(Percentiles.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
    }

    @Test
    void emptySamplesGiveNaN() {
        assertThat(Percentiles.of(List.<Double>of(), 50)).isNaN();
        assertThat(Percentiles.median(List.<Double>of())).isNaN();
    }

    @Test
    void summaryHoldsCountP50P99AndMax() {
        Percentiles.Summary s = Percentiles.summarize(ONE_TO_HUNDRED);
        assertThat(s).isEqualTo(new Percentiles.Summary(100, 50, 99, 100));
    }
}

package dev.genesis.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class AxisTest {

    @Test
    void logAxisSpansWholeDecadesAndPlacesValuesByTheirLogarithm() {
        Axis axis = Axis.fitting(List.of(3.0, 800.0, Double.NaN), null, true);
        assertThat(axis.low()).isEqualTo(1.0);
        assertThat(axis.high()).isEqualTo(1000.0);
        assertThat(axis.ticks()).containsExactly(1.0, 10.0, 100.0, 1000.0);
        assertThat(axis.fraction(10)).isCloseTo(1 / 3.0, within(1e-9));
        assertThat(axis.fraction(100)).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(axis.fraction(0)).isNaN();
        assertThat(axis.fraction(-5)).isNaN();
    }

    @Test
    void linearAxisStartsAtZeroWithHeadroomAndHoldsTheTarget() {
        Axis axis = Axis.fitting(List.of(10.0, 20.0), 40.0, false);
        assertThat(axis.low()).isZero();
        assertThat(axis.high()).isEqualTo(50.0);
        assertThat(axis.fraction(25)).isCloseTo(0.5, within(1e-9));
        assertThat(axis.ticks()).containsExactly(0.0, 10.0, 20.0, 30.0, 40.0, 50.0);
        assertThat(Axis.fitting(List.of(13582.0), null, false).ticks()).containsExactly(0.0, 5000.0, 10000.0, 15000.0);
    }

    @Test
    void niceStepsAreOneTwoTwoAndAHalfOrFiveTimesAPowerOfTen() {
        assertThat(Axis.niceStep(0.3)).isCloseTo(0.5, within(1e-12));
        assertThat(Axis.niceStep(1.0)).isEqualTo(1.0);
        assertThat(Axis.niceStep(2.2)).isEqualTo(2.5);
        assertThat(Axis.niceStep(2988)).isEqualTo(5000.0);
        assertThat(Axis.niceStep(6000)).isEqualTo(10000.0);
    }

    @Test
    void aLogChartDrawsTallerBarsForLargerValues() {
        BarChart chart = new BarChart("m.png", "Makespan", "ms", List.of("small", "big"), List.of("v"),
                List.of(List.of(10.0, 10_000.0)), null, null, true);
        var image = Charts.render(chart);
        assertThat(barTop(image, 0, 2)).isGreaterThan(barTop(image, 1, 2));
    }

    /** The y of the highest bar-coloured pixel in the middle of category {@code c} of {@code n}. */
    private static int barTop(java.awt.image.BufferedImage image, int c, int n) {
        int plotLeft = 80;
        int plotW = image.getWidth() - 80 - 30;
        int x = (int) (plotLeft + plotW * (c + 0.5) / n) - 20;
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xffffff) == 0x3b6ea5) {
                return y;
            }
        }
        return Integer.MAX_VALUE;
    }
}

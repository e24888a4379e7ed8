package dev.genesis.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JitMeterTest {

    @Test
    void readsUserAndSystemTicksAndKnowsCompilerThreadsByName() {
        String compiler = "4242 (C2 CompilerThre) S 1 2 3 0 -1 4194368 9 0 0 0 150 25 0 0 20 0 1 0 77 0 0";
        String worker = "4243 (genesis-slot-1) S 1 2 3 0 -1 4194368 9 0 0 0 40 2 0 0 20 0 1 0 77 0 0";
        String spaced = "4244 (vert.x-eventloop thread) R 1 2 3 0 -1 4194368 9 0 0 0 7 3 0 0 20 0 1 0 77 0 0";
        assertThat(JitMeter.parse(compiler).orElseThrow()).containsExactly(175, 175);
        assertThat(JitMeter.parse(worker).orElseThrow()).containsExactly(42, 0);
        assertThat(JitMeter.parse(spaced).orElseThrow()).containsExactly(10, 0);
        assertThat(JitMeter.parse("garbage")).isEmpty();
    }

    @Test
    void theCompilersShareIsTheirPartOfTheCpuSpentBetweenTwoReadings() {
        JitMeter.Reading before = new JitMeter.Reading(1_000, Map.of("7/8", 200L, "7/9", 100L));
        JitMeter.Reading after = new JitMeter.Reading(1_400, Map.of("7/8", 260L, "7/9", 120L, "7/10", 20L));
        assertThat(after.compilerShareSince(before)).hasValue(0.25);
        assertThat(before.compilerShareSince(before)).hasValue(0);
    }

    @Test
    void aCompilerThreadThatEndedLeavesTheShareUnknown() {
        // HotSpot stops idle compiler threads: summing the live ones would make the share drop to zero.
        JitMeter.Reading before = new JitMeter.Reading(1_000, Map.of("7/8", 200L, "7/9", 100L));
        JitMeter.Reading after = new JitMeter.Reading(1_400, Map.of("7/8", 260L));
        assertThat(after.compilerShareSince(before)).isEmpty();
    }

    @Test
    void readsThisJvmsThreadsAndNothingForAProcessThatIsNotThere() {
        Optional<JitMeter.Reading> self = JitMeter.read(List.of(ProcessHandle.current().pid()));
        assertThat(self).isPresent();
        assertThat(self.get().totalTicks()).isPositive();
        assertThat(self.get().compilerTicks()).isBetween(0L, self.get().totalTicks());
        assertThat(JitMeter.read(List.of(Long.MAX_VALUE - 1))).isEmpty();
    }
}

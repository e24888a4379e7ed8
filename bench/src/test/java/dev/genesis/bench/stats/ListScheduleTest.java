package dev.genesis.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.common.spec.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class ListScheduleTest {

    @Test
    void tasksThatCannotBeSplitLeaveASlotIdleAboveTheBound() {
        // 3, 3, 2, 2, 2 on two slots: the 3s first, then two 2s, then the last 2 alone.
        RunSpec spec = new RunSpec("lpt", List.of(DagFamilies.sleep("a", 2, List.of()),
                DagFamilies.sleep("b", 3, List.of()), DagFamilies.sleep("c", 2, List.of()),
                DagFamilies.sleep("d", 3, List.of()), DagFamilies.sleep("e", 2, List.of())));
        assertThat(ListSchedule.makespanMs(spec, LowerBound::declaredDurationMs, 2)).isEqualTo(7);
        assertThat(LowerBound.of(spec, LowerBound::declaredDurationMs, 2).boundMs()).isEqualTo(6);
    }

    @Test
    void theLongestRemainingPathStartsFirst() {
        // Two slots: x (its chain is 100 long) starts first, y runs 10–100 and q 60–120; starting
        // the two 60s first would end at 60 + 10 + 90 = 160.
        RunSpec spec = new RunSpec("cp", List.of(DagFamilies.sleep("p", 60, List.of()),
                DagFamilies.sleep("q", 60, List.of()), DagFamilies.sleep("x", 10, List.of()),
                DagFamilies.sleep("y", 90, List.of("x"))));
        assertThat(ListSchedule.makespanMs(spec, LowerBound::declaredDurationMs, 2)).isEqualTo(120);
        assertThat(ListSchedule.makespanMs(spec, LowerBound::declaredDurationMs, 3)).isEqualTo(100);
        assertThat(ListSchedule.makespanMs(spec, LowerBound::declaredDurationMs, 1)).isEqualTo(220);
    }

    @Test
    void aChainTakesItsWholeLengthWhateverTheSlots() {
        RunSpec chain = DagFamilies.chain("chain", 20, DagFamilies.TaskKind.fixedSleep(15));
        assertThat(ListSchedule.makespanMs(chain, LowerBound::declaredDurationMs, 9)).isEqualTo(300);
    }
}

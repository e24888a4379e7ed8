package dev.genesis.bench.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.bench.dag.DagFamilies;
import dev.genesis.common.spec.RunSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class LowerBoundTest {

    /** a(100) → b(50), c(200) → d(10). */
    private static RunSpec diamond() {
        return new RunSpec("diamond", List.of(
                DagFamilies.sleep("a", 100, List.of()),
                DagFamilies.sleep("b", 50, List.of("a")),
                DagFamilies.sleep("c", 200, List.of("a")),
                DagFamilies.sleep("d", 10, List.of("b", "c"))));
    }

    @Test
    void criticalPathFollowsTheHeaviestBranch() {
        LowerBound lb = LowerBound.of(diamond(), LowerBound::declaredDurationMs, 2);
        assertThat(lb.criticalPathMs()).isEqualTo(310);
        assertThat(lb.totalWorkMs()).isEqualTo(360);
        assertThat(lb.boundMs()).isEqualTo(310);
    }

    @Test
    void workPerSlotIsTotalWorkSharedOverTheSlots() {
        assertThat(LowerBound.of(diamond(), LowerBound::declaredDurationMs, 2).workPerSlotMs()).isEqualTo(180.0);
        assertThat(LowerBound.of(diamond(), LowerBound::declaredDurationMs, 0).boundMs()).isInfinite();
    }

    @Test
    void oneSlotMakesTotalWorkTheBound() {
        assertThat(LowerBound.of(diamond(), LowerBound::declaredDurationMs, 1).boundMs()).isEqualTo(360);
    }

    @Test
    void independentTasksAreBoundedByWorkPerSlot() {
        RunSpec spec = DagFamilies.independent("flat", 9, DagFamilies.TaskKind.fixedSleep(100));
        LowerBound lb = LowerBound.of(spec, LowerBound::declaredDurationMs, 3);
        assertThat(lb.criticalPathMs()).isEqualTo(100);
        assertThat(lb.boundMs()).isEqualTo(300);
        assertThat(lb.ratio(330)).isEqualTo(1.1);
    }

    @Test
    void longChainDoesNotOverflowTheStack() {
        RunSpec chain = DagFamilies.chain("long", 50_000, DagFamilies.TaskKind.fixedSleep(1));
        assertThat(LowerBound.of(chain, LowerBound::declaredDurationMs, 4).criticalPathMs()).isEqualTo(50_000);
    }

    @Test
    void cycleIsRejectedInsteadOfLoopingForever() {
        RunSpec cycle = new RunSpec("cycle", List.of(
                DagFamilies.sleep("a", 1, List.of("b")),
                DagFamilies.sleep("b", 1, List.of("a"))));
        assertThatThrownBy(() -> LowerBound.of(cycle, LowerBound::declaredDurationMs, 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }
}

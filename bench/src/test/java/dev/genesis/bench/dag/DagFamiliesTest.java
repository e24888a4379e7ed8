package dev.genesis.bench.dag;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.bench.dag.DagFamilies.TaskKind;
import dev.genesis.bench.suites.MakespanSuite;
import dev.genesis.common.spec.RunGraph;
import dev.genesis.common.spec.RunSpec;
import dev.genesis.common.spec.SpecLimits;
import dev.genesis.common.spec.SpecValidator;
import dev.genesis.common.spec.TaskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagFamiliesTest {

    private final SpecValidator validator = new SpecValidator(SpecLimits.DEFAULT);

    @Test
    void chainIsOneLongPath() {
        RunGraph g = validator.validate(DagFamilies.chain("c", 25, TaskKind.noop()));
        assertThat(g.size()).isEqualTo(25);
        assertThat(g.criticalPathLength()).isEqualTo(25);
    }

    @Test
    void fanOutHasSourceWidthAndSink() {
        RunGraph g = validator.validate(DagFamilies.fanOut("f", 40, TaskKind.noop()));
        assertThat(g.size()).isEqualTo(42);
        assertThat(g.criticalPathLength()).isEqualTo(3);
    }

    @Test
    void layeredDiamondIsLayersPlusSourceAndSinkDeep() {
        RunGraph g = validator.validate(DagFamilies.layeredDiamond("d", 6, 8, TaskKind.noop()));
        assertThat(g.size()).isEqualTo(6 * 8 + 2);
        assertThat(g.criticalPathLength()).isEqualTo(8);
    }

    @Test
    void lockedNoopsTakeTheSameFewPathsInTurnAndPassValidation() {
        RunSpec spec = DagFamilies.independent("l", 70, TaskKind.lockedNoop("warm", 32));
        assertThat(validator.validate(spec).size()).isEqualTo(70);
        assertThat(spec.tasks()).extracting(TaskSpec::kind).containsOnly("noop");
        assertThat(spec.tasks().get(0).resources().writes()).containsExactly("warm/w0");
        assertThat(spec.tasks().get(33).resources().writes()).containsExactly("warm/w1");
        assertThat(spec.tasks().get(5).resources().reads()).containsExactly("warm/r1");
        assertThat(spec.tasks().stream().flatMap(t -> t.resources().writes().stream()).distinct()).hasSize(32);
    }

    @Test
    void randomDagsOfEverySuiteSizeAreValidAndAcyclic() {
        for (int n : new int[] {100, 1000, 5000}) {
            RunSpec spec = DagFamilies.random("r" + n, n, 7, TaskKind.seededSleep(7, 1.0));
            RunGraph g = validator.validate(spec);
            assertThat(g.size()).isEqualTo(n);
            assertThat(g.criticalPathLength()).isGreaterThan(1).isLessThan(n);
        }
    }

    @Test
    void sameSeedGivesTheSameGraphAndDurations() {
        RunSpec a = DagFamilies.random("r", 300, 11, TaskKind.seededSleep(11, 1.0));
        RunSpec b = DagFamilies.random("r", 300, 11, TaskKind.seededSleep(11, 1.0));
        assertThat(a).isEqualTo(b);
    }

    @Test
    void seededSleepsStayWithinTwentyToTwoHundredMilliseconds() {
        RunSpec spec = DagFamilies.independent("s", 500, TaskKind.seededSleep(3, 1.0));
        List<Long> ms = spec.tasks().stream().map(t -> ((Number) t.params().get("ms")).longValue()).toList();
        assertThat(ms).allSatisfy(v -> assertThat(v).isBetween(20L, 200L));
        assertThat(ms.stream().distinct().count()).isGreaterThan(50);
    }

    @Test
    void makespanFamiliesAreAllValid() {
        for (RunSpec family : MakespanSuite.families(42)) {
            assertThat(validator.validate(family).size()).isEqualTo(family.tasks().size());
            assertThat(family.tasks()).extracting(TaskSpec::kind).containsOnly("sleep");
        }
    }
}

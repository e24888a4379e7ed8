package dev.genesis.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.genesis.bench.api.StackApi;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void noSuiteMeansAllInTheirFixedOrder() {
        BenchOptions o = BenchOptions.parse("--root", "/repo");
        assertThat(o.suites()).isEqualTo(BenchOptions.ALL);
        assertThat(o.traces()).isEqualTo(Path.of("/shared/workloads/wfcommons"));
        assertThat(o.out()).isEqualTo(Path.of("/repo/bench/results/latest"));
        assertThat(o.repeatsFor(3)).isEqualTo(3);
    }

    @Test
    void chosenSuitesRunInCanonicalOrderWithOptions() {
        BenchOptions o = BenchOptions.parse("recovery", "--root", "/repo", "latency", "--repeat", "1",
                "--trace-scale", "5", "--queue-url", "http://q:1");
        assertThat(o.suites()).containsExactly("latency", "recovery");
        assertThat(o.repeatsFor(3)).isEqualTo(1);
        assertThat(o.traceScaleMsPerSecond()).isEqualTo(5.0);
        assertThat(o.queueUrl().toString()).isEqualTo("http://q:1");
    }

    @Test
    void budgetAndBatchSizesHaveDefaultsAndThePeerBatchFollowsTheThroughputRun() {
        BenchOptions o = BenchOptions.parse("--root", "/repo");
        assertThat(o.budgetS()).isEqualTo(540);
        assertThat(o.throughputTasks()).isEqualTo(2000);
        assertThat(o.peerJobs()).isEqualTo(2000);
        BenchOptions p = BenchOptions.parse("--root", "/repo", "--throughput-tasks", "700", "--budget-s", "60");
        assertThat(p.peerJobs()).isEqualTo(700);
        assertThat(p.budgetS()).isEqualTo(60);
        assertThat(BenchOptions.parse("--root", "/r", "--throughput-tasks", "700", "--peer-jobs", "50").peerJobs())
                .isEqualTo(50);
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--budget-s", "-1")).hasMessageContaining("budget");
    }

    @Test
    void aWarmUpRunsUnlessTurnedOffAndIsRecordedInTheSettings() {
        assertThat(BenchOptions.parse("--root", "/r").warmupTasks()).isEqualTo(40000);
        BenchOptions off = BenchOptions.parse("--root", "/r", "--warmup-tasks", "0");
        assertThat(off.warmupTasks()).isZero();
        assertThat(off.settings()).containsEntry("warmupTasks", 0);
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--warmup-tasks", "-5"))
                .hasMessageContaining("--warmup-tasks");
    }

    @Test
    void eachSuiteGetsItsWeightedShareOfWhatIsLeftUnlessRepeatIsGiven() {
        var suites = BenchMain.allSuites();
        double all = suites.stream().mapToDouble(dev.genesis.bench.suites.Suite::weight).sum();
        var first = BenchMain.repetitions(BenchOptions.parse("--root", "/r"), suites.get(0), suites,
                java.time.Duration.ofSeconds(1000));
        assertThat(first.fixed()).isFalse();
        assertThat(first.max()).isEqualTo(suites.get(0).defaultRepeats());
        assertThat(first.allotment().toMillis()).isEqualTo(Math.round(1000_000 * suites.get(0).weight() / all));
        var last = BenchMain.repetitions(BenchOptions.parse("--root", "/r"), suites.get(suites.size() - 1),
                suites.subList(suites.size() - 1, suites.size()), java.time.Duration.ofSeconds(77));
        assertThat(last.allotment()).isEqualTo(java.time.Duration.ofSeconds(77));
        var fixed = BenchMain.repetitions(BenchOptions.parse("--root", "/r", "--repeat", "2"), suites.get(0), suites,
                java.time.Duration.ZERO);
        assertThat(fixed.fixed()).isTrue();
        assertThat(fixed.max()).isEqualTo(2);
    }

    @Test
    void unknownSuiteOrOptionIsRejected() {
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "speed")).hasMessageContaining("unknown suite");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--fast", "1")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--poll-ms", "50")).hasMessageContaining("100..250");
        assertThatThrownBy(() -> BenchOptions.parse("latency")).hasMessageContaining("--root");
    }

    @Test
    void theWorkspaceSuiteIsOptInAndRunsAfterTheOthersWhenNamed() {
        assertThat(BenchOptions.ALL).doesNotContain("workspace");
        assertThat(BenchOptions.parse("--root", "/r").suites()).doesNotContain("workspace");
        assertThat(BenchOptions.parse("all", "--root", "/r").suites()).isEqualTo(BenchOptions.ALL);
        assertThat(BenchOptions.parse("workspace", "--root", "/r").suites()).containsExactly("workspace");
        assertThat(BenchOptions.parse("workspace", "recovery", "--root", "/r", "latency").suites())
                .containsExactly("latency", "recovery", "workspace");
        assertThat(BenchOptions.parse("all", "workspace", "--root", "/r").suites()).endsWith("workspace")
                .hasSize(BenchOptions.ALL.size() + 1);
        assertThat(BenchOptions.USAGE).contains("opt-in").contains("workspace").contains("--workspace-files")
                .contains("--workspace-commits");
        assertThat(BenchMain.allSuites().stream().map(dev.genesis.bench.suites.Suite::name).toList())
                .isEqualTo(BenchOptions.KNOWN);
        // Only the stack's warm-up is skipped for it: it warms up its own commits.
        assertThat(BenchMain.allSuites().stream().filter(s -> !s.needsWarmup())
                .map(dev.genesis.bench.suites.Suite::name)).containsExactly("workspace");
    }

    @Test
    void workspaceSizesAndCommitsHaveDefaultsAndAreRecordedOnlyWhenTheSuiteRuns() {
        BenchOptions o = BenchOptions.parse("--root", "/r");
        assertThat(o.workspaceFiles()).containsExactly(500, 5000);
        assertThat(o.workspaceCommits()).isEqualTo(200);
        assertThat(o.settings()).doesNotContainKeys("workspaceFiles", "workspaceCommits");
        BenchOptions w = BenchOptions.parse("workspace", "--root", "/r", "--workspace-files", "5000, 50,500",
                "--workspace-commits", "30");
        assertThat(w.workspaceFiles()).containsExactly(50, 500, 5000);
        assertThat(w.workspaceCommits()).isEqualTo(30);
        assertThat(w.settings()).containsEntry("workspaceFiles", java.util.List.of(50, 500, 5000))
                .containsEntry("workspaceCommits", 30);
        assertThat(BenchOptions.parse("workspace", "--root", "/r", "--workspace-files", "1").workspaceFiles())
                .containsExactly(1);
        assertThat(BenchOptions.parse("--root", "/r", "--workspace-files", "100000").workspaceFiles())
                .containsExactly(100_000);
    }

    @Test
    void badWorkspaceSizesOrCommitsAreRejectedNamingTheOption() {
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "many"))
                .hasMessageContaining("--workspace-files").hasMessageContaining("'many'");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "500,,5000"))
                .hasMessageContaining("--workspace-files").hasMessageContaining("comma-separated");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "500,"))
                .hasMessageContaining("--workspace-files");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "0"))
                .hasMessageContaining("--workspace-files").hasMessageContaining("1..100000");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "-5"))
                .hasMessageContaining("1..100000");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "100001"))
                .hasMessageContaining("1..100000");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-files", "500,5000,500"))
                .hasMessageContaining("--workspace-files").hasMessageContaining("500 twice");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-commits", "1"))
                .hasMessageContaining("--workspace-commits").hasMessageContaining("at least 2");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--workspace-commits", "2.5"))
                .hasMessageContaining("--workspace-commits").hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "spaces")).hasMessageContaining("workspace");
    }

    @Test
    void workerIdYieldsItsPidEvenWhenTheHostHasDashes() {
        assertThat(StackApi.pidInWorkerId("my-host-1-4242-beef").getAsLong()).isEqualTo(4242);
        assertThat(StackApi.pidInWorkerId("nohex")).isEmpty();
        assertThat(StackApi.pidInWorkerId(null)).isEmpty();
    }
}

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
    void unknownSuiteOrOptionIsRejected() {
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "speed")).hasMessageContaining("unknown suite");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--fast", "1")).hasMessageContaining("--fast");
        assertThatThrownBy(() -> BenchOptions.parse("--root", "/r", "--poll-ms", "50")).hasMessageContaining("100..250");
        assertThatThrownBy(() -> BenchOptions.parse("latency")).hasMessageContaining("--root");
    }

    @Test
    void workerIdYieldsItsPidEvenWhenTheHostHasDashes() {
        assertThat(StackApi.pidInWorkerId("my-host-1-4242-beef").getAsLong()).isEqualTo(4242);
        assertThat(StackApi.pidInWorkerId("nohex")).isEmpty();
        assertThat(StackApi.pidInWorkerId(null)).isEmpty();
    }
}

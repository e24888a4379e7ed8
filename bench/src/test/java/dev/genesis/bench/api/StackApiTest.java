package dev.genesis.bench.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.bench.Quiesce;
import dev.genesis.bench.RunWatcher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StackApiTest {

    @Test
    void aRefusedCancelIsRetriedAndTheRunAwaitedUntilItStops() throws Exception {
        try (FakeQueue queue = new FakeQueue()) {
            queue.running("r1", "bench-x", 1000);
            queue.cancelRefusals.set(2);
            StackApi api = new StackApi(queue.url(), queue.url(), Path.of("."));
            assertThat(api.cancelAndAwait("r1", Duration.ofSeconds(20))).isTrue();
            assertThat(queue.state("r1")).isEqualTo("CANCELLED");
            assertThat(queue.requests.stream().filter(r -> r.endsWith("/cancel")).count()).isEqualTo(3);
        }
    }

    @Test
    void theWatcherPollsTheRunsProgressAndFetchesTheWholeRunOnceAtTheEnd() throws Exception {
        try (FakeQueue queue = new FakeQueue()) {
            queue.running("r2", "bench-y", 3);
            StackApi api = new StackApi(queue.url(), queue.url(), Path.of("."));
            RunWatcher watcher = new RunWatcher(api, Duration.ofMillis(5), Duration.ofSeconds(20),
                    new PrintStream(new ByteArrayOutputStream()));
            RunView run = watcher.watch("r2", "bench-y", 2);
            assertThat(run.state()).isEqualTo("SUCCEEDED");
            assertThat(queue.requests.stream().filter(r -> r.equals("GET /api/runs/r2/progress")).count())
                    .isEqualTo(4);
            assertThat(queue.requests).containsOnlyOnce("GET /api/runs/r2")
                    .noneMatch(r -> r.startsWith("GET /api/runs?"));
        }
    }

    @Test
    void aWatchedRunThatOutlivesItsTimeoutIsCancelled() throws Exception {
        try (FakeQueue queue = new FakeQueue()) {
            queue.running("r3", "bench-z", 1_000_000);
            StackApi api = new StackApi(queue.url(), queue.url(), Path.of("."));
            RunWatcher watcher = new RunWatcher(api, Duration.ofMillis(5), Duration.ZERO,
                    new PrintStream(new ByteArrayOutputStream()));
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> watcher.watch("r3", "bench-z", 2))
                    .isInstanceOf(RunWatcher.RunTimedOutException.class).hasMessageContaining("cancelled");
            assertThat(queue.state("r3")).isEqualTo("CANCELLED");
        }
    }

    private static WorkerView worker(String id, String state, Integer... partitions) {
        return new WorkerView(id, "h", "u", state, 3, 3, java.util.List.of(partitions));
    }

    @Test
    void theGroupIsSettledWhenTheAliveWorkersOwnEveryKnownPartitionOnce() {
        assertThat(StackApi.settled(java.util.List.of(worker("a", "ALIVE", 0, 1), worker("b", "ALIVE", 2, 3),
                worker("old", "STOPPED", 0, 1, 2, 3)))).isTrue();
        // Killed, its session not yet expired: partitions 2 and 3 belong to nobody alive.
        assertThat(StackApi.settled(java.util.List.of(worker("a", "ALIVE", 0, 1), worker("b", "DEAD", 2, 3))))
                .isFalse();
        // Mid-rebalance: revoked (empty) or reported twice.
        assertThat(StackApi.settled(java.util.List.of(worker("a", "ALIVE", 0, 1, 2, 3), worker("b", "ALIVE"))))
                .isFalse();
        assertThat(StackApi.settled(java.util.List.of(worker("a", "ALIVE", 0, 1, 2), worker("b", "ALIVE", 2, 3))))
                .isFalse();
        assertThat(StackApi.settled(java.util.List.of(worker("gone", "DEAD", 0)))).isFalse();
    }

    @Test
    void quiesceCancelsLeftoverBenchmarkRunsOnly() throws Exception {
        try (FakeQueue queue = new FakeQueue()) {
            queue.running("left", "bench-makespan-random-5000-0", 1_000_000);
            queue.running("theirs", "feature-login", 1_000_000);
            StackApi api = new StackApi(queue.url(), queue.url(), Path.of("."));
            ByteArrayOutputStream console = new ByteArrayOutputStream();
            Quiesce.leftovers(api, new PrintStream(console));
            assertThat(queue.state("left")).isEqualTo("CANCELLED");
            assertThat(queue.state("theirs")).isEqualTo("RUNNING");
            assertThat(console.toString()).contains("feature-login", "shares its slots");
        }
    }
}

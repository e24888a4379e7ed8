package dev.genesis.queue.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.queue.config.QueueConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapacityViewTest {

    private final Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final CapacityView view = new CapacityView(config(Optional.empty()));

    @Test
    void silentWorkerIsLeftOutAfterTheExpiry() {
        view.update(worker("w1", 2, false, now));
        assertThat(view.accepting(now.plusSeconds(9))).hasSize(1);
        assertThat(view.accepting(now.plusSeconds(11))).isEmpty();
    }

    @Test
    void drainingOrPartitionlessWorkerTakesNothing() {
        view.update(worker("w1", 2, true, now));
        view.update(new WorkerCapacity("w2", 2, List.of(), false, now));
        assertThat(view.accepting(now)).isEmpty();
    }

    @Test
    void newCapacityAsksForADispatchButARepeatedHeartbeatDoesNot() {
        assertThat(view.update(worker("w1", 2, false, now))).isTrue();
        assertThat(view.update(worker("w1", 2, false, now.plusSeconds(1)))).isFalse();
        assertThat(view.update(worker("w1", 3, false, now.plusSeconds(2)))).isTrue();
    }

    @Test
    void partitionsOfAWorkerAreUsedInTurn() {
        WorkerCapacity w = worker("w1", 2, false, now);
        view.update(w);
        assertThat(List.of(view.nextPartitionOf(w), view.nextPartitionOf(w), view.nextPartitionOf(w)))
                .containsExactly(4, 5, 4);
    }

    @Test
    void stoppedWorkerIsRemoved() {
        view.update(worker("w1", 2, false, now));
        view.remove("w1");
        assertThat(view.accepting(now)).isEmpty();
        assertThat(view.anyPartitionOf("w1")).isNull();
    }

    @Test
    void workersOutsideTheConfiguredPrefixAreIgnored() {
        CapacityView filtered = new CapacityView(config(Optional.of("mine-")));
        filtered.update(worker("theirs-1", 2, false, now));
        filtered.update(worker("mine-1", 2, false, now));
        assertThat(filtered.accepting(now)).extracting(WorkerCapacity::workerId).containsExactly("mine-1");
    }

    private static WorkerCapacity worker(String id, int slots, boolean draining, Instant seen) {
        return new WorkerCapacity(id, slots, List.of(4, 5), draining, seen);
    }

    private static QueueConfig config(Optional<String> prefix) {
        return new QueueConfig() {
            public int maxTasks() { return 100; }
            public Optional<Set<String>> extraKinds() { return Optional.empty(); }
            public long maxBodyBytes() { return 1_000; }
            public Duration dispatchTimeout() { return Duration.ofSeconds(15); }
            public Duration runningGrace() { return Duration.ofSeconds(30); }
            public Duration workerExpiry() { return Duration.ofSeconds(10); }
            public int agingSeconds() { return 60; }
            public short replicationFactor() { return 1; }
            public Optional<String> workerIdPrefix() { return prefix; }
            public long vacuumDeadRows() { return 2000; }
            public int dispatchBatch() { return 256; }
            public long prefetchMaxMs() { return 250; }
            @Override
            public int continuationDepth() { return 8; }
            @Override
            public boolean relays() { return true; }
            @Override
            public boolean batchStateChanges() { return true; }
            @Override
            public Duration retention() { return Duration.ofDays(30); }
            @Override
            public Duration retentionCheckEvery() { return Duration.ofSeconds(30); }
            @Override
            public int retentionBatchTasks() { return 20_000; }
        };
    }
}

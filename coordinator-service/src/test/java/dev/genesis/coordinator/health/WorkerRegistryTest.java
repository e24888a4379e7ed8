package dev.genesis.coordinator.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerRegistryTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final Duration DEAD_AFTER = Duration.ofSeconds(5);

    private final WorkerRegistry registry = new WorkerRegistry();

    private static WorkerHeartbeat beatOf(String id) {
        return new WorkerHeartbeat(id, "host", "http://host:8083", 3, 2, List.of(0, 1), List.of(), false, T0);
    }

    @Test
    void aWorkerIsSilentOnlyAfterTheWindow() {
        registry.heartbeat(beatOf("w1"), T0);

        assertThat(registry.silent(T0.plusSeconds(5), DEAD_AFTER)).isEmpty();
        assertThat(registry.silent(T0.plusSeconds(6), DEAD_AFTER)).extracting(WorkerStatus::id).containsExactly("w1");
    }

    @Test
    void aHeartbeatArrivingBeforeTheVerdictKeepsTheWorkerAlive() {
        registry.heartbeat(beatOf("w1"), T0);
        WorkerStatus judged = registry.silent(T0.plusSeconds(6), DEAD_AFTER).get(0);

        registry.heartbeat(beatOf("w1"), T0.plusSeconds(6));

        assertThat(registry.declareDead(judged)).isFalse();
        assertThat(registry.all().get(0).state()).isEqualTo(WorkerState.ALIVE);
    }

    @Test
    void aDeadWorkerThatHeartbeatsIsAliveAgain() {
        registry.heartbeat(beatOf("w1"), T0);
        assertThat(registry.declareDead(registry.silent(T0.plusSeconds(6), DEAD_AFTER).get(0))).isTrue();
        assertThat(registry.aliveCount()).isZero();

        assertThat(registry.heartbeat(beatOf("w1"), T0.plusSeconds(7))).contains(WorkerState.DEAD);

        assertThat(registry.all().get(0).state()).isEqualTo(WorkerState.ALIVE);
        assertThat(registry.aliveCount()).isOne();
    }

    @Test
    void aStoppedWorkerIsNeverDeclaredDead() {
        registry.heartbeat(beatOf("w1"), T0);
        registry.stopped("w1");

        assertThat(registry.silent(T0.plusSeconds(60), DEAD_AFTER)).isEmpty();
        assertThat(registry.all().get(0).state()).isEqualTo(WorkerState.STOPPED);
    }
}

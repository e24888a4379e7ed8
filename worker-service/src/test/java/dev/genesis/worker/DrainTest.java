package dev.genesis.worker;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.events.TaskHandedBack;
import dev.genesis.common.events.TaskStarted;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.worker.config.WorkerIdentity;
import dev.genesis.worker.execution.SlotPool;
import dev.genesis.worker.testing.QueueDouble;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A draining worker hands back what waits and what does not finish in time, and takes nothing new. */
@QuarkusTest
@QuarkusTestResource(GenesisTestServices.class)
@TestProfile(DrainTest.OneSlot.class)
class DrainTest {

    /** One slot, so that a second dispatch has to wait locally. */
    public static class OneSlot implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("genesis.worker.slots", "1");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    WorkerIdentity identity;

    @Inject
    SlotPool slots;

    private final QueueDouble queue = QueueDouble.get();

    @Test
    void drainingHandsBackWaitingRunningAndNewAttempts() {
        int partition = await().atMost(WAIT).until(() -> queue.lastHeartbeatOf(identity.id()),
                b -> b.isPresent() && !b.get().partitions().isEmpty()).orElseThrow().partitions().get(0);
        TaskDispatched running = aDispatch("sleep").param("ms", 60_000).build();
        TaskDispatched waiting = aDispatch("noop").build();
        queue.send(partition, running);
        awaitOne(running.runId(), TaskStarted.class);
        queue.send(partition, waiting);
        await().atMost(WAIT).until(() -> slots.freeSlots() == 0 && slots.running().size() == 1);

        slots.drain(Duration.ofMillis(300));

        assertThat(awaitOne(waiting.runId(), TaskHandedBack.class).reason()).contains("draining");
        assertThat(awaitOne(running.runId(), TaskHandedBack.class).reason()).contains("draining");
        assertThat(queue.eventsOf(waiting.runId(), TaskStarted.class)).isEmpty();
        await().atMost(WAIT).until(() -> queue.lastHeartbeatOf(identity.id()).map(WorkerHeartbeat::draining).orElse(false));

        TaskDispatched late = aDispatch("noop").build();
        queue.send(partition, late);
        awaitOne(late.runId(), TaskHandedBack.class);
        assertThat(queue.eventsOf(late.runId(), TaskStarted.class)).isEmpty();
    }

    private <T> T awaitOne(UUID runId, Class<T> type) {
        return await().atMost(WAIT).until(
                () -> queue.eventsOf(runId).stream().filter(type::isInstance).map(type::cast).toList(),
                list -> !list.isEmpty()).get(0);
    }
}

package dev.genesis.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.Resources;
import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec("/genesis/test");

    @Test
    void roundTripsInACloudEventsEnvelope() throws Exception {
        UUID run = UUID.randomUUID();
        TaskDispatched event = new TaskDispatched(run, "a", 2, "sleep", Map.of("ms", 5),
                new Resources(List.of("src/"), List.of(), null), 1_000, 7, "w1", Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-01-01T00:00:15Z"));
        String json = codec.encode(event);
        JsonNode envelope = Json.mapper().readTree(json);
        assertThat(envelope.get("specversion").asText()).isEqualTo("1.0");
        assertThat(envelope.get("type").asText()).isEqualTo("dev.genesis.task.dispatched");
        assertThat(envelope.get("source").asText()).isEqualTo("/genesis/test");
        assertThat(envelope.get("subject").asText()).isEqualTo(run.toString());
        assertThat(envelope.get("data").get("resources").get("mode").asText()).isEqualTo("lock");
        assertThat(codec.decode(json)).contains(event);
    }

    @Test
    void aDispatchFromAQueueOlderThanStartByDecodesWithoutIt() throws Exception {
        TaskDispatched event = new TaskDispatched(UUID.randomUUID(), "a", 1, "noop", Map.of(), Resources.NONE, 1_000, 0,
                "w1", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:15Z"));
        ObjectNode envelope = (ObjectNode) Json.mapper().readTree(codec.encode(event));
        ((ObjectNode) envelope.get("data")).remove("startBy");
        TaskDispatched older = (TaskDispatched) codec.decode(envelope.toString()).orElseThrow();
        assertThat(older.startBy()).isNull();
        assertThat(older.dispatchedAt()).isEqualTo(event.dispatchedAt());
        assertThat(older.taskId()).isEqualTo("a");
    }

    @Test
    void aContinuationRoundTripsAndRebasesItsWindowToWhenItMayRun() throws Exception {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        TaskDispatched held = new TaskDispatched(UUID.randomUUID(), "b", 1, "noop", Map.of(), Resources.NONE, 1_000, 0,
                "w1", at, at.plusSeconds(15), new TaskDispatched.After("a", 3));
        String json = codec.encode(held);
        assertThat(Json.mapper().readTree(json).get("data").get("after").get("taskId").asText()).isEqualTo("a");
        assertThat(json).doesNotContain("\"continuation\"");
        assertThat(codec.decode(json)).contains(held);
        assertThat(held.isContinuation()).isTrue();

        TaskDispatched now = held.rebased(at.plusSeconds(60));
        assertThat(now.isContinuation()).isFalse();
        assertThat(now.dispatchedAt()).isEqualTo(at.plusSeconds(60));
        assertThat(now.startBy()).isEqualTo(at.plusSeconds(75));
        assertThat(now.attempt()).isEqualTo(1);
        // A plain dispatch carries no after at all.
        TaskDispatched plain = new TaskDispatched(UUID.randomUUID(), "a", 1, "noop", Map.of(), Resources.NONE, 1_000, 0,
                "w1", at, null);
        assertThat(codec.encode(plain)).doesNotContain("after").doesNotContain("relayTo");
    }

    @Test
    void aRelayRoundTripsAndIsForwardedAsAPlainDispatch() throws Exception {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        TaskDispatched relay = new TaskDispatched(UUID.randomUUID(), "c", 2, "noop", Map.of(), Resources.NONE, 1_000,
                0, "w2", at, at.plusSeconds(15), new TaskDispatched.After("a", 1), 7);
        String json = codec.encode(relay);
        assertThat(Json.mapper().readTree(json).get("data").get("relayTo").asInt()).isEqualTo(7);
        assertThat(codec.decode(json)).contains(relay);
        assertThat(relay.isRelay()).isTrue();
        assertThat(new TaskDispatched(relay.runId(), "c", 2, "noop", Map.of(), Resources.NONE, 1_000, 0, "w1", at,
                null, new TaskDispatched.After("a", 1)).isRelay()).isFalse();

        TaskDispatched forwarded = relay.rebased(at.plusSeconds(1));
        assertThat(forwarded.isContinuation()).isFalse();
        assertThat(forwarded.isRelay()).isFalse();
        assertThat(forwarded.relayTo()).isNull();
        assertThat(forwarded.workerId()).isEqualTo("w2");
        assertThat(forwarded.startBy()).isEqualTo(at.plusSeconds(16));
    }

    @Test
    void aDispatchBatchRoundTripsAndHoldsOneRunsDispatchesOnly() {
        UUID run = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T00:00:00.123456Z");
        TaskDispatched a = new TaskDispatched(run, "a", 1, "noop", Map.of(), Resources.NONE, 1_000, 0, "w1", at, null);
        TaskDispatched b = new TaskDispatched(run, "b", 3, "sleep", Map.of("ms", 5), Resources.NONE, 1_000, 9, "w1", at,
                at.plusSeconds(15));
        TaskDispatchBatch batch = new TaskDispatchBatch(run, List.of(a, b));
        String json = codec.encode(batch);
        assertThat(json).contains("\"type\":\"dev.genesis.task.dispatched-batch\"");
        assertThat(codec.decode(json)).contains(batch);
        assertThat(batch.key()).isEqualTo(run.toString());

        TaskDispatched other = new TaskDispatched(UUID.randomUUID(), "c", 1, "noop", Map.of(), Resources.NONE, 1_000, 0,
                "w1", at, null);
        assertThatThrownBy(() -> new TaskDispatchBatch(run, List.of(a, other)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("in a batch of run " + run);
        assertThatThrownBy(() -> new TaskDispatchBatch(run, List.of())).isInstanceOf(IllegalArgumentException.class);
        // A record whose batch mixes runs is unreadable, not half taken.
        String mixed = json.replace("\"runId\":\"" + run + "\",\"taskId\":\"b\"",
                "\"runId\":\"" + other.runId() + "\",\"taskId\":\"b\"");
        assertThat(mixed).isNotEqualTo(json);
        assertThatThrownBy(() -> codec.decode(mixed)).isInstanceOf(UnreadableEventException.class);
    }

    @Test
    void aStateBatchRoundTripsAndHoldsOneRunsChangesOnly() {
        UUID run = UUID.randomUUID();
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        TaskStateBatch batch = new TaskStateBatch(run, List.of(
                new TaskStateChanged(run, "a", TaskState.SUCCEEDED, 1, "w1", at, null, at.minusMillis(3)),
                new TaskStateChanged(run, "b", TaskState.READY, 0, null, at, null)));
        String json = codec.encode(batch);
        assertThat(codec.decode(json)).contains(batch);
        assertThat(json).contains("dev.genesis.task.state-changed-batch");
        assertThatThrownBy(() -> new TaskStateBatch(run, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TaskStateBatch(UUID.randomUUID(), batch.changes()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyEventTypeHasAName() {
        for (Class<?> type : GenesisEvent.class.getPermittedSubclasses()) {
            @SuppressWarnings("unchecked")
            String name = EventType.of((Class<? extends GenesisEvent>) type);
            assertThat(name).as(type.getSimpleName()).startsWith("dev.genesis.");
            assertThat(EventType.classOf(name)).isEqualTo(type);
        }
    }

    @Test
    void unknownTypesAreSkippedAndNewFieldsIgnored() {
        String future = "{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"dev.genesis.task.teleported\",\"data\":{}}";
        assertThat(codec.decode(future)).isEmpty();
        String newer = codec.encode(new TaskStateChanged(UUID.randomUUID(), "a", TaskState.READY, 1, null,
                Instant.now(), null)).replace("\"taskId\"", "\"futureField\":42,\"taskId\"");
        assertThat(codec.decode(newer)).get().isInstanceOf(TaskStateChanged.class);
    }

    @Test
    void aHeartbeatOfAnOlderWorkerHasNoPrefetch() {
        WorkerHeartbeat beat = new WorkerHeartbeat("w1", "host", null, 3, 1, List.of(0, 4), List.of(), false, 2,
                Instant.parse("2026-01-01T00:00:00Z"));
        String json = codec.encode(beat);
        assertThat(codec.decode(json)).contains(beat);
        WorkerHeartbeat older = (WorkerHeartbeat) codec.decode(json.replace("\"prefetch\":2,", "")).orElseThrow();
        assertThat(older.prefetch()).isZero();
        assertThat(older.slots()).isEqualTo(3);
    }

    @Test
    void anEnvelopeWithItsDataBeforeItsTypeIsReadToo() throws Exception {
        TaskStarted event = new TaskStarted(UUID.randomUUID(), "a", 1, "w1", Instant.parse("2026-01-01T00:00:00Z"));
        JsonNode written = Json.mapper().readTree(codec.encode(event));
        String reordered = "{\"data\":" + written.get("data") + ",\"specversion\":\"1.0\",\"id\":\"x\","
                + "\"source\":\"/elsewhere\",\"type\":\"dev.genesis.task.started\"}";
        assertThat(codec.decode(reordered)).contains(event);
        String unknownLater = reordered.replace("dev.genesis.task.started", "dev.genesis.task.teleported");
        assertThat(codec.decode(unknownLater)).isEmpty();
    }

    @Test
    void eachEventGetsItsOwnId() throws Exception {
        Set<String> ids = new HashSet<>();
        EventCodec other = new EventCodec("/genesis/test");
        for (int i = 0; i < 1_000; i++) {
            TaskStarted event = new TaskStarted(UUID.randomUUID(), "a", 1, "w1", Instant.now());
            ids.add(Json.mapper().readTree(codec.encode(event)).get("id").asText());
            ids.add(Json.mapper().readTree(other.encode(event)).get("id").asText());
        }
        assertThat(ids).hasSize(2_000);
    }

    @Test
    void garbageIsUnreadable() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dev.genesis.task.started\"}"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dev.genesis.task.started\",\"data\":null}"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"type\":\"dev.genesis.task.started\",\"data\":{\"attempt\":\"x\"}}"))
                .isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("[1,2]")).isInstanceOf(UnreadableEventException.class);
        assertThatThrownBy(() -> codec.decode("{\"data\":{},\"type\":")).isInstanceOf(UnreadableEventException.class);
    }
}

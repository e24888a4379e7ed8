package dev.genesis.queue.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DispatchRecordsTest {

    private static final UUID RUN_A = UUID.randomUUID();
    private static final UUID RUN_B = UUID.randomUUID();
    private final EventCodec codec = new EventCodec("/genesis/queue-test");

    @Test
    void aLoneDispatchStaysARecordOfItsOwn() {
        TaskDispatched a = dispatch(RUN_A, "a");
        List<DispatchRecords.Record> records = DispatchRecords.of(List.of(new Outbox.Dispatch(a, 3)), codec::encode);
        assertThat(records).hasSize(1);
        assertThat(records.get(0).event()).isEqualTo(a);
        assertThat(records.get(0).partition()).isEqualTo(3);
        assertThat(codec.decode(records.get(0).value())).contains(a);
    }

    @Test
    void aFanOutBecomesOneRecordPerPartitionInRoundOrder() {
        List<Outbox.Dispatch> round = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            round.add(new Outbox.Dispatch(dispatch(RUN_A, "t" + i), i % 3));
        }
        List<DispatchRecords.Record> records = DispatchRecords.of(round, codec::encode);
        assertThat(records).hasSize(3);
        for (int p = 0; p < 3; p++) {
            DispatchRecords.Record r = records.get(p);
            assertThat(r.partition()).isEqualTo(p);
            assertThat(taskIds(r.event())).containsExactly("t" + p, "t" + (p + 3), "t" + (p + 6));
        }
    }

    @Test
    void runsAlternatingOnAPartitionKeepTheirOrderInSeparateRecords() {
        List<Outbox.Dispatch> round = List.of(
                new Outbox.Dispatch(dispatch(RUN_A, "a1"), 0),
                new Outbox.Dispatch(dispatch(RUN_A, "a2"), 0),
                new Outbox.Dispatch(dispatch(RUN_B, "b1"), 0),
                new Outbox.Dispatch(dispatch(RUN_A, "a3"), 1),
                new Outbox.Dispatch(dispatch(RUN_A, "a4"), 0));
        List<DispatchRecords.Record> records = DispatchRecords.of(round, codec::encode);
        assertThat(records).extracting(DispatchRecords.Record::partition).containsExactly(0, 0, 0, 1);
        assertThat(records.get(0).event()).isInstanceOf(TaskDispatchBatch.class);
        assertThat(taskIds(records.get(0).event())).containsExactly("a1", "a2");
        assertThat(records.get(1).event()).isInstanceOf(TaskDispatched.class);
        assertThat(taskIds(records.get(1).event())).containsExactly("b1");
        assertThat(taskIds(records.get(2).event())).containsExactly("a4");
        assertThat(taskIds(records.get(3).event())).containsExactly("a3");
        assertThat(records).allSatisfy(r -> assertThat(r.event().key())
                .isEqualTo(taskRun(r.event()).toString()));
    }

    @Test
    void aBatchTooBigForOneRecordGoesAsItsDispatchesOneByOne() {
        List<Outbox.Dispatch> round = List.of(new Outbox.Dispatch(dispatch(RUN_A, "a1"), 0),
                new Outbox.Dispatch(dispatch(RUN_A, "a2"), 0), new Outbox.Dispatch(dispatch(RUN_A, "a3"), 0));
        int oneBatch = codec.encode(new TaskDispatchBatch(RUN_A, round.stream().map(Outbox.Dispatch::event).toList()))
                .length();

        assertThat(DispatchRecords.of(round, codec::encode, oneBatch)).hasSize(1);
        List<DispatchRecords.Record> split = DispatchRecords.of(round, codec::encode, oneBatch - 1);
        assertThat(split).extracting(r -> taskIds(r.event())).containsExactly(List.of("a1"), List.of("a2"), List.of("a3"));
        assertThat(split).allSatisfy(r -> {
            assertThat(r.event()).isInstanceOf(TaskDispatched.class);
            assertThat(codec.decode(r.value())).contains(r.event());
        });
    }

    private static List<String> taskIds(GenesisEvent event) {
        if (event instanceof TaskDispatchBatch batch) {
            return batch.dispatches().stream().map(TaskDispatched::taskId).toList();
        }
        return List.of(((TaskDispatched) event).taskId());
    }

    private static UUID taskRun(GenesisEvent event) {
        return event instanceof TaskDispatchBatch batch ? batch.runId() : ((TaskDispatched) event).runId();
    }

    private static TaskDispatched dispatch(UUID run, String task) {
        return new TaskDispatched(run, task, 1, "noop", Map.of(), Resources.NONE, 1_000, 0, "w1",
                Instant.parse("2026-01-01T00:00:00Z"), null);
    }
}

package dev.genesis.queue.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RunEventRecordsTest {

    private static final UUID RUN_A = UUID.randomUUID();
    private static final UUID RUN_B = UUID.randomUUID();
    private static final Instant AT = Instant.parse("2026-11-30T00:00:00Z");
    private final EventCodec codec = new EventCodec("/genesis/queue-test");

    @Test
    void aLoneChangeStaysARecordOfItsOwn() {
        TaskStateChanged a = change(RUN_A, "a", TaskState.READY);
        List<RunEventRecords.Record> records = RunEventRecords.of(List.of(a), codec::encode);
        assertThat(records).extracting(RunEventRecords.Record::event).containsExactly(a);
        assertThat(codec.decode(records.get(0).value())).contains(a);
    }

    @Test
    void eachRunsChangesBecomeOneBatchInTheTransactionsOrder() {
        RunSubmitted submitted = new RunSubmitted(RUN_B, "b", 2, AT);
        List<GenesisEvent> events = List.of(change(RUN_A, "a1", TaskState.SUCCEEDED), submitted,
                change(RUN_B, "b1", TaskState.READY), change(RUN_A, "a2", TaskState.READY),
                change(RUN_B, "b2", TaskState.READY), change(RUN_A, "a2", TaskState.DISPATCHED));

        List<RunEventRecords.Record> records = RunEventRecords.of(events, codec::encode);

        assertThat(records).hasSize(3);
        assertThat(records.get(0).event()).isEqualTo(new TaskStateBatch(RUN_A,
                List.of(change(RUN_A, "a1", TaskState.SUCCEEDED), change(RUN_A, "a2", TaskState.READY),
                        change(RUN_A, "a2", TaskState.DISPATCHED))));
        assertThat(records.get(1).event()).isEqualTo(submitted);
        assertThat(records.get(2).event()).isEqualTo(new TaskStateBatch(RUN_B,
                List.of(change(RUN_B, "b1", TaskState.READY), change(RUN_B, "b2", TaskState.READY))));
        for (RunEventRecords.Record r : records) {
            assertThat(codec.decode(r.value())).contains(r.event());
            assertThat(r.event().key()).isIn(RUN_A.toString(), RUN_B.toString());
        }
    }

    @Test
    void aRunsOwnEventClosesItsBatchSoNothingOvertakesIt() {
        // Retried and ended in one outbox: the run's end must come after the changes before it,
        // and the changes after it after the end.
        List<GenesisEvent> events = List.of(change(RUN_A, "a", TaskState.CANCELLED),
                change(RUN_A, "b", TaskState.CANCELLED), new RunStateChanged(RUN_A, "a", RunState.CANCELLED, AT),
                new RunStateChanged(RUN_A, "a", RunState.RUNNING, AT), change(RUN_A, "a", TaskState.READY),
                change(RUN_A, "b", TaskState.PENDING));

        List<GenesisEvent> sent = RunEventRecords.of(events, codec::encode).stream()
                .map(RunEventRecords.Record::event).toList();

        assertThat(sent).hasSize(4);
        assertThat(flatten(sent)).containsExactlyElementsOf(events);
    }

    @Test
    void aBatchIsCutAtItsLimitsAndOneTooLongGoesAsSingleChanges() {
        List<GenesisEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(change(RUN_A, "t" + i, TaskState.SKIPPED));
        }
        List<GenesisEvent> byCount = RunEventRecords.of(events, codec::encode, 2, RunEventRecords.MAX_CHARS).stream()
                .map(RunEventRecords.Record::event).toList();
        assertThat(byCount).hasSize(3);
        assertThat(flatten(byCount)).containsExactlyElementsOf(events);

        // genesis.queue.batch-state-changes=false: one change per record.
        assertThat(RunEventRecords.of(events, codec::encode, 1, RunEventRecords.MAX_CHARS))
                .extracting(RunEventRecords.Record::event).containsExactlyElementsOf(events);

        List<GenesisEvent> bySize = RunEventRecords.of(events, codec::encode, 500, 600).stream()
                .map(RunEventRecords.Record::event).toList();
        assertThat(bySize).containsExactlyElementsOf(events);
    }

    private static List<GenesisEvent> flatten(List<GenesisEvent> records) {
        List<GenesisEvent> changes = new ArrayList<>();
        for (GenesisEvent e : records) {
            if (e instanceof TaskStateBatch batch) {
                changes.addAll(batch.changes());
            } else {
                changes.add(e);
            }
        }
        return changes;
    }

    private static TaskStateChanged change(UUID run, String task, TaskState state) {
        return new TaskStateChanged(run, task, state, 1, "w1", AT, null);
    }
}

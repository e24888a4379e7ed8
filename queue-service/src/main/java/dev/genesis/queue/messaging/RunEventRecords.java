package dev.genesis.queue.messaging;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskStateBatch;
import dev.genesis.common.events.TaskStateChanged;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The records that carry a transaction's run events on {@code genesis.runs.events}: the task state
 * changes of one run go as one {@link TaskStateBatch} (a lone change stays a {@link
 * TaskStateChanged}). A run's order is kept: its batch takes the place of its first change and
 * closes at the run's next event of another type (the run ending after the changes that ended it),
 * and all of a run's records share its key, hence its partition. Only events of different runs,
 * which nobody orders against each other, are regrouped. A batch holds at most {@link
 * #MAX_CHANGES} changes, and one whose text would exceed {@link #MAX_CHARS} (long error texts)
 * goes as its changes one by one: a record beyond the broker's limit would be refused whole.
 */
final class RunEventRecords {

    /** Most changes in one batch record. */
    static final int MAX_CHANGES = 500;
    /** Largest batch record, in characters of its encoded text. */
    static final int MAX_CHARS = 256 * 1024;

    /** One Kafka record of {@code genesis.runs.events}: its event, encoded. */
    record Record(GenesisEvent event, String value) {
    }

    /** An event of its own, or the changes of one run gathered so far. */
    private record Slot(GenesisEvent event, List<TaskStateChanged> changes) {
    }

    private RunEventRecords() {
    }

    static List<Record> of(List<GenesisEvent> events, Function<GenesisEvent, String> encode) {
        return of(events, encode, MAX_CHANGES, MAX_CHARS);
    }

    static List<Record> of(List<GenesisEvent> events, Function<GenesisEvent, String> encode, int maxChanges,
            int maxChars) {
        List<Slot> slots = new ArrayList<>();
        Map<String, List<TaskStateChanged>> open = new HashMap<>();
        for (GenesisEvent event : events) {
            if (event instanceof TaskStateChanged change) {
                List<TaskStateChanged> batch = open.get(change.key());
                if (batch == null || batch.size() >= maxChanges) {
                    batch = new ArrayList<>();
                    open.put(change.key(), batch);
                    slots.add(new Slot(null, batch));
                }
                batch.add(change);
            } else {
                open.remove(event.key());
                slots.add(new Slot(event, null));
            }
        }
        List<Record> records = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            if (slot.event() != null) {
                records.add(new Record(slot.event(), encode.apply(slot.event())));
            } else {
                addChanges(records, slot.changes(), encode, maxChars);
            }
        }
        return records;
    }

    private static void addChanges(List<Record> records, List<TaskStateChanged> sameRun,
            Function<GenesisEvent, String> encode, int maxChars) {
        if (sameRun.size() > 1) {
            TaskStateBatch batch = new TaskStateBatch(sameRun.get(0).runId(), sameRun);
            String value = encode.apply(batch);
            if (value.length() <= maxChars) {
                records.add(new Record(batch, value));
                return;
            }
        }
        for (TaskStateChanged change : sameRun) {
            records.add(new Record(change, encode.apply(change)));
        }
    }
}

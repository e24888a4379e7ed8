package dev.genesis.queue.messaging;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The records that carry a round's dispatches: per partition, each stretch of consecutive
 * dispatches of one run becomes one {@link TaskDispatchBatch} record (a lone dispatch stays a
 * {@link TaskDispatched}). Each partition's records keep the round's order, so a worker receives
 * its tasks in the order the queue chose them; only records of different partitions, which no
 * one orders against each other, are regrouped. A batch whose text would exceed {@link #MAX_CHARS}
 * (tasks with big parameters) goes as its dispatches one by one instead: a record beyond the
 * broker's limit (1 MB by default) would be refused whole.
 */
final class DispatchRecords {

    /** Largest batch record, in characters of its encoded text (UTF-8 takes at most 3 bytes each). */
    static final int MAX_CHARS = 256 * 1024;

    /** One Kafka record of {@code genesis.tasks.ready}: its event, encoded, and its partition. */
    record Record(GenesisEvent event, String value, int partition) {
    }

    private DispatchRecords() {
    }

    static List<Record> of(List<Outbox.Dispatch> dispatches, Function<GenesisEvent, String> encode) {
        return of(dispatches, encode, MAX_CHARS);
    }

    static List<Record> of(List<Outbox.Dispatch> dispatches, Function<GenesisEvent, String> encode, int maxChars) {
        Map<Integer, List<TaskDispatched>> byPartition = new LinkedHashMap<>();
        for (Outbox.Dispatch d : dispatches) {
            byPartition.computeIfAbsent(d.partition(), p -> new ArrayList<>()).add(d.event());
        }
        List<Record> records = new ArrayList<>();
        byPartition.forEach((partition, events) -> {
            int from = 0;
            for (int i = 1; i <= events.size(); i++) {
                if (i == events.size() || !events.get(i).runId().equals(events.get(from).runId())) {
                    addStretch(records, events.subList(from, i), partition, encode, maxChars);
                    from = i;
                }
            }
        });
        return records;
    }

    private static void addStretch(List<Record> records, List<TaskDispatched> sameRun, int partition,
            Function<GenesisEvent, String> encode, int maxChars) {
        if (sameRun.size() > 1) {
            TaskDispatchBatch batch = new TaskDispatchBatch(sameRun.get(0).runId(), sameRun);
            String value = encode.apply(batch);
            if (value.length() <= maxChars) {
                records.add(new Record(batch, value, partition));
                return;
            }
        }
        for (TaskDispatched d : sameRun) {
            records.add(new Record(d, encode.apply(d), partition));
        }
    }
}

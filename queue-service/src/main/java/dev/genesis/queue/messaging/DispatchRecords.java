package dev.genesis.queue.messaging;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskDispatchBatch;
import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records that carry a round's dispatches: per partition, each stretch of consecutive
 * dispatches of one run becomes one {@link TaskDispatchBatch} record (a lone dispatch stays a
 * {@link TaskDispatched}). Each partition's records keep the round's order, so a worker receives
 * its tasks in the order the queue chose them; only records of different partitions, which no
 * one orders against each other, are regrouped.
 */
final class DispatchRecords {

    /** One Kafka record of {@code genesis.tasks.ready}. */
    record Record(GenesisEvent event, int partition) {
    }

    private DispatchRecords() {
    }

    static List<Record> of(List<Outbox.Dispatch> dispatches) {
        if (dispatches.size() == 1) {
            Outbox.Dispatch d = dispatches.get(0);
            return List.of(new Record(d.event(), d.partition()));
        }
        Map<Integer, List<TaskDispatched>> byPartition = new LinkedHashMap<>();
        for (Outbox.Dispatch d : dispatches) {
            byPartition.computeIfAbsent(d.partition(), p -> new ArrayList<>()).add(d.event());
        }
        List<Record> records = new ArrayList<>();
        byPartition.forEach((partition, events) -> {
            int from = 0;
            for (int i = 1; i <= events.size(); i++) {
                if (i == events.size() || !events.get(i).runId().equals(events.get(from).runId())) {
                    records.add(new Record(stretch(events.subList(from, i)), partition));
                    from = i;
                }
            }
        });
        return records;
    }

    private static GenesisEvent stretch(List<TaskDispatched> sameRun) {
        return sameRun.size() == 1 ? sameRun.get(0) : new TaskDispatchBatch(sameRun.get(0).runId(), sameRun);
    }
}

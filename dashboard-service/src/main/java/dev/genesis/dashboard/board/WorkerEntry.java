package dev.genesis.dashboard.board;

import dev.genesis.common.events.WorkerHeartbeat;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The board's mutable record of one worker. Ages use the dashboard's clock, not the worker's. */
final class WorkerEntry {

    final String id;
    WorkerHeartbeat last;
    WorkerStatus status = WorkerStatus.ALIVE;
    Instant lastSeen;
    /** The status last sent to the page, to notice a worker turning LATE without any event. */
    WorkerStatus shown;

    WorkerEntry(String id) {
        this.id = id;
    }

    WorkerStatus statusAt(Instant now, Duration lateAfter) {
        boolean silent = Duration.between(lastSeen, now).compareTo(lateAfter) > 0;
        return status.hasCapacity() && silent ? WorkerStatus.LATE : status;
    }

    WorkerView view(Instant now, Duration lateAfter) {
        WorkerStatus current = statusAt(now, lateAfter);
        shown = current;
        int slots = last == null ? 0 : last.slots();
        int free = last == null || !current.hasCapacity() ? 0 : last.freeSlots();
        List<WorkerView.Running> running = last == null || last.running() == null || !current.hasCapacity()
                ? List.of()
                : last.running().stream()
                        .map(r -> new WorkerView.Running(r.runId(), r.taskId(), r.attempt(), r.percent(), r.startedAt()))
                        .toList();
        return new WorkerView(id, last == null ? null : last.host(), last == null ? null : last.url(), slots, free,
                current.hasCapacity() ? slots - free : 0, current, lastSeen,
                Math.max(0, Duration.between(lastSeen, now).toMillis()),
                last == null || last.partitions() == null ? List.of() : last.partitions(), running);
    }
}

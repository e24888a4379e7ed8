package dev.genesis.queue.scheduling;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.UnreadableEventException;
import dev.genesis.common.events.WorkerDeclaredDead;
import dev.genesis.common.events.WorkerHeartbeat;
import dev.genesis.common.events.WorkerStopped;
import dev.genesis.common.kafka.Topics;
import dev.genesis.queue.messaging.Publisher;
import dev.genesis.queue.store.Db;
import dev.genesis.queue.store.TaskRow;
import dev.genesis.queue.store.TaskStore;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the capacity view current from worker heartbeats, and re-queues the attempts of a worker
 * the coordinator declared dead (safe on every instance: the rows' versions decide).
 */
@ApplicationScoped
public class HeartbeatConsumer {

    private final EventCodec codec = new EventCodec("/genesis/queue");
    private final CapacityView capacity;
    private final Dispatcher dispatcher;
    private final Db db;
    private final TaskStore tasks;
    private final TaskTransitions transitions;
    private final Publisher publisher;

    public HeartbeatConsumer(CapacityView capacity, Dispatcher dispatcher, Db db, TaskStore tasks,
            TaskTransitions transitions, Publisher publisher) {
        this.capacity = capacity;
        this.dispatcher = dispatcher;
        this.db = db;
        this.tasks = tasks;
        this.transitions = transitions;
        this.publisher = publisher;
    }

    @Incoming(Topics.WORKERS_HEARTBEATS)
    @Blocking(ordered = true)
    public void consume(String record) {
        Optional<GenesisEvent> event;
        try {
            event = codec.decode(record);
        } catch (UnreadableEventException e) {
            publisher.deadLetter(Topics.WORKERS_HEARTBEATS, record, e.getMessage());
            return;
        }
        event.ifPresent(this::handle);
    }

    private void handle(GenesisEvent event) {
        if (event instanceof WorkerHeartbeat hb) {
            List<Integer> partitions = hb.partitions() == null ? List.of() : List.copyOf(hb.partitions());
            // Local receive time, not the worker's clock: expiry must not depend on clock skew.
            if (capacity.update(new WorkerCapacity(hb.workerId(), hb.slots(), Math.max(0, hb.prefetch()), partitions,
                    hb.draining(), Instant.now()))) {
                dispatcher.wake();
            }
        } else if (event instanceof WorkerStopped stopped) {
            capacity.remove(stopped.workerId());
        } else if (event instanceof WorkerDeclaredDead dead) {
            capacity.remove(dead.workerId());
            requeueAttemptsOf(dead.workerId());
        }
    }

    private void requeueAttemptsOf(String workerId) {
        Changes changes = db.inTransaction(c -> {
            Changes fresh = new Changes();
            Instant now = Instant.now();
            for (TaskRow row : tasks.activeOf(c, workerId)) {
                transitions.requeue(c, fresh, row, now);
            }
            transitions.finishRuns(c, fresh, now);
            return fresh;
        });
        publisher.publish(changes.outbox());
        dispatcher.wake();
    }
}

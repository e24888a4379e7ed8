package dev.genesis.queue.scheduling;

import dev.genesis.common.events.EventCodec;
import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskSucceeded;
import dev.genesis.common.events.UnreadableEventException;
import dev.genesis.common.kafka.Topics;
import dev.genesis.queue.locks.LockGrants;
import dev.genesis.queue.messaging.Publisher;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads worker reports in batches and applies each batch in one transaction, which also dispatches
 * what the batch freed or readied; publishes the resulting changes after the commit, and gives up
 * the leases the batch's successes left to the queue in the request that takes the next locks.
 */
@ApplicationScoped
public class TaskEventConsumer {

    private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);

    private final EventCodec codec = new EventCodec("/genesis/queue");
    private final TaskTransitions transitions;
    private final Publisher publisher;
    private final Dispatcher dispatcher;
    private final LockGrants lockGrants;

    public TaskEventConsumer(TaskTransitions transitions, Publisher publisher, Dispatcher dispatcher,
            LockGrants lockGrants) {
        this.transitions = transitions;
        this.publisher = publisher;
        this.dispatcher = dispatcher;
        this.lockGrants = lockGrants;
    }

    @Incoming(Topics.TASKS_EVENTS)
    @Blocking(ordered = true)
    public void consume(List<String> records) {
        List<GenesisEvent> events = new ArrayList<>(records.size());
        for (String record : records) {
            try {
                codec.decode(record).ifPresent(events::add);
            } catch (UnreadableEventException e) {
                publisher.deadLetter(Topics.TASKS_EVENTS, record, e.getMessage());
            }
        }
        if (events.isEmpty()) {
            return;
        }
        // Given up with the request that follows the batch's commit, whatever the batch's fate: the
        // attempts ended on their workers either way.
        lockGrants.releaseLater(leasesToRelease(events));
        try {
            apply(events);
        } catch (RuntimeException batchFailure) {
            LOG.warn("a batch of task events failed; applying them one by one", batchFailure);
            for (GenesisEvent event : events) {
                try {
                    apply(List.of(event));
                } catch (RuntimeException e) {
                    LOG.errorf(e, "cannot apply %s", event);
                    publisher.deadLetter(Topics.TASKS_EVENTS, codec.encode(event), String.valueOf(e.getMessage()));
                }
            }
        }
    }

    private static List<String> leasesToRelease(List<GenesisEvent> events) {
        List<String> leases = new ArrayList<>();
        for (GenesisEvent event : events) {
            if (event instanceof TaskSucceeded s && s.leaseToRelease() != null) {
                leases.add(s.leaseToRelease());
            }
        }
        return leases;
    }

    /** One poll's reports in one transaction; throws when it cannot be applied. */
    void apply(List<GenesisEvent> events) {
        // The freed slots and released dependents are dispatched in the batch's own transaction.
        dispatcher.applyAndDispatch(c -> {
            Changes fresh = new Changes();
            Instant now = Instant.now();
            transitions.apply(c, fresh, events, now);
            transitions.finishRuns(c, fresh, now);
            return fresh;
        });
    }
}

package dev.genesis.queue.metrics;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.RunDeleted;
import dev.genesis.common.events.RunStateChanged;
import dev.genesis.common.events.RunSubmitted;
import dev.genesis.common.events.TaskStateChanged;
import dev.genesis.common.state.RunState;
import dev.genesis.common.state.TaskState;
import dev.genesis.queue.messaging.Outbox;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The queue's Prometheus counters of what happened to runs and tasks. They are counted from each
 * outbox as it is published, that is after its transaction committed: a rolled-back or retried
 * transaction is never counted, and two queue instances each count only their own changes.
 */
@ApplicationScoped
public class QueueMetrics {

    /** Outcomes of {@code genesis.queue.continuations}. */
    public static final String CONTINUATION_HELD = "held";
    public static final String CONTINUATION_RELAYED = "relayed";
    public static final String CONTINUATION_PROMOTED = "promoted";
    public static final String CONTINUATION_RELEASED = "released";

    /**
     * Buckets of {@code genesis.queue.dispatch.latency} (READY to DISPATCHED): fine around the
     * 5 ms / 25 ms targets, then coarse up to the minutes a task may wait for a free slot.
     */
    public static final Duration[] DISPATCH_LATENCY_BUCKETS = {ms(1), ms(2), ms(5), ms(10), ms(25), ms(50),
        ms(100), ms(250), ms(500), ms(1_000), ms(2_500), ms(5_000), ms(10_000), ms(30_000), ms(60_000), ms(300_000)};

    /** The failure causes workers report ({@code TaskFailed}); anything else is counted as {@code other}. */
    static final List<String> CAUSES = List.of("error", "timeout", "cancelled", "lock-lost", "conflict", "other");

    private final MeterRegistry registry;
    private final Map<String, Counter> retries = new ConcurrentHashMap<>();
    private final Map<TaskState, Counter> tasksFinished = new EnumMap<>(TaskState.class);
    private final Map<RunState, Counter> runsFinished = new EnumMap<>(RunState.class);
    private final Map<String, Counter> deadLetters = new ConcurrentHashMap<>();
    private final Counter runsSubmitted;
    private final Map<String, Counter> continuations = new HashMap<>();
    private final Map<String, Counter> runsDeleted = new HashMap<>();
    private final Map<String, Counter> tasksDeleted = new HashMap<>();

    public QueueMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.runsSubmitted = Counter.builder("genesis.queue.runs.submitted").description("Runs accepted and stored")
                .register(registry);
        for (TaskState state : TaskState.values()) {
            if (state.isTerminal()) {
                tasksFinished.put(state, Counter.builder("genesis.queue.tasks.finished").tag("state", state.name())
                        .description("Tasks that reached a terminal state, by that state").register(registry));
            }
        }
        for (RunState state : RunState.values()) {
            if (state.isTerminal()) {
                runsFinished.put(state, Counter.builder("genesis.queue.runs.finished").tag("state", state.name())
                        .description("Runs that reached a terminal state, by that state").register(registry));
            }
        }
        CAUSES.forEach(this::retries);
        for (String reason : List.of(RunDeleted.RETENTION, RunDeleted.REQUEST)) {
            runsDeleted.put(reason, Counter.builder("genesis.queue.runs.deleted").tag("reason", reason)
                    .description("Finished runs deleted with their tasks, past the retention or on request")
                    .register(registry));
            tasksDeleted.put(reason, Counter.builder("genesis.queue.tasks.deleted").tag("reason", reason)
                    .description("Tasks deleted with their finished runs, past the retention or on request")
                    .register(registry));
        }
        for (String outcome : List.of(CONTINUATION_HELD, CONTINUATION_RELAYED, CONTINUATION_PROMOTED,
                CONTINUATION_RELEASED)) {
            continuations.put(outcome, Counter.builder("genesis.queue.continuations").tag("outcome", outcome)
                    .description("Tasks sent ahead behind their last dependency, in its line (held) or for another "
                            + "slot (relayed), moved to DISPATCHED on its success (promoted) or let wait again when "
                            + "it ended otherwise (released)")
                    .register(registry));
        }
    }

    /** Counts what a committed transaction did; called as its outbox is published. */
    public void published(Outbox outbox) {
        for (GenesisEvent event : outbox.runEvents()) {
            if (event instanceof TaskStateChanged changed && changed.state().isTerminal()) {
                tasksFinished.get(changed.state()).increment();
            } else if (event instanceof RunSubmitted) {
                runsSubmitted.increment();
            } else if (event instanceof RunStateChanged changed && changed.state().isTerminal()) {
                runsFinished.get(changed.state()).increment();
            } else if (event instanceof RunDeleted deleted && runsDeleted.containsKey(deleted.reason())) {
                runsDeleted.get(deleted.reason()).increment();
                tasksDeleted.get(deleted.reason()).increment(deleted.taskCount());
            }
        }
        for (String cause : outbox.retryCauses()) {
            retries(cause == null ? "error" : CAUSES.contains(cause) ? cause : "other").increment();
        }
        outbox.continuations().forEach((outcome, n) -> continuations.get(outcome).increment(n));
    }

    /** A record parked on {@code genesis.tasks.dlq}; {@code source} is the topic it was read from. */
    public void deadLettered(String source) {
        deadLetters.computeIfAbsent(source, s -> Counter.builder("genesis.queue.dlq.records").tag("source", s)
                .description("Records the queue could not process and sent to genesis.tasks.dlq, by source topic")
                .register(registry)).increment();
    }

    private Counter retries(String cause) {
        return retries.computeIfAbsent(cause, c -> Counter.builder("genesis.queue.retries").tag("cause", c)
                .description("Failed attempts re-queued for another attempt, by failure cause").register(registry));
    }

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }
}

package dev.genesis.common.kafka;

import java.util.List;

/** Every Genesis topic with its partition count. Channel names in the services equal these names. */
public final class Topics {

    /** queue → workers; one partition per worker process at the most, so room for 32 processes. */
    public static final String TASKS_READY = "genesis.tasks.ready";
    public static final String TASKS_EVENTS = "genesis.tasks.events";
    public static final String RUNS_EVENTS = "genesis.runs.events";
    public static final String WORKERS_HEARTBEATS = "genesis.workers.heartbeats";
    public static final String BUS = "genesis.bus";
    public static final String TASKS_DLQ = "genesis.tasks.dlq";

    /** A topic and how many partitions it is created with. */
    public record Topic(String name, int partitions) {
    }

    public static final List<Topic> ALL = List.of(
            new Topic(TASKS_READY, 32),
            new Topic(TASKS_EVENTS, 8),
            new Topic(RUNS_EVENTS, 8),
            new Topic(WORKERS_HEARTBEATS, 4),
            new Topic(BUS, 8),
            new Topic(TASKS_DLQ, 1));

    private Topics() {
    }

    public static int partitionsOf(String name) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow().partitions();
    }
}

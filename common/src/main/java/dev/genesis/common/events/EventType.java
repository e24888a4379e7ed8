package dev.genesis.common.events;

import java.util.Map;

/** The CloudEvents {@code type} of each event record, e.g. {@code dev.genesis.task.succeeded}. */
public final class EventType {

    private static final Map<Class<? extends GenesisEvent>, String> TYPES = Map.ofEntries(
            Map.entry(TaskDispatched.class, "dev.genesis.task.dispatched"),
            Map.entry(TaskDispatchBatch.class, "dev.genesis.task.dispatched-batch"),
            Map.entry(TaskCancelRequested.class, "dev.genesis.task.cancel-requested"),
            Map.entry(TaskStarted.class, "dev.genesis.task.started"),
            Map.entry(TaskProgressed.class, "dev.genesis.task.progressed"),
            Map.entry(TaskSucceeded.class, "dev.genesis.task.succeeded"),
            Map.entry(TaskFailed.class, "dev.genesis.task.failed"),
            Map.entry(TaskHandedBack.class, "dev.genesis.task.handed-back"),
            Map.entry(RunSubmitted.class, "dev.genesis.run.submitted"),
            Map.entry(RunStateChanged.class, "dev.genesis.run.state-changed"),
            Map.entry(RunDeleted.class, "dev.genesis.run.deleted"),
            Map.entry(TaskStateChanged.class, "dev.genesis.task.state-changed"),
            Map.entry(TaskStateBatch.class, "dev.genesis.task.state-changed-batch"),
            Map.entry(WorkerHeartbeat.class, "dev.genesis.worker.heartbeat"),
            Map.entry(WorkerDeclaredDead.class, "dev.genesis.worker.dead"),
            Map.entry(WorkerStopped.class, "dev.genesis.worker.stopped"),
            Map.entry(BusMessage.class, "dev.genesis.bus.message"));

    private static final Map<String, Class<? extends GenesisEvent>> CLASSES = invert();

    private EventType() {
    }

    public static String of(Class<? extends GenesisEvent> type) {
        return TYPES.get(type);
    }

    /** The record class of a type, or null for a type this version does not know. */
    public static Class<? extends GenesisEvent> classOf(String type) {
        return CLASSES.get(type);
    }

    private static Map<String, Class<? extends GenesisEvent>> invert() {
        var inverse = new java.util.HashMap<String, Class<? extends GenesisEvent>>();
        TYPES.forEach((k, v) -> inverse.put(v, k));
        return Map.copyOf(inverse);
    }
}

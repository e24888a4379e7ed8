package dev.genesis.common.events;

/**
 * Every record Genesis puts on Kafka. Each travels inside a CloudEvents 1.0 envelope whose
 * {@code type} is {@link EventType#of}; records grow only by adding nullable fields.
 */
public sealed interface GenesisEvent permits TaskDispatched, TaskDispatchBatch, TaskCancelRequested, TaskStarted, TaskProgressed,
        TaskSucceeded, TaskFailed, TaskHandedBack, RunSubmitted, RunStateChanged, RunDeleted, TaskStateChanged, TaskStateBatch,
        WorkerHeartbeat, WorkerDeclaredDead, WorkerStopped, BusMessage {

    /** The Kafka record key: the run id for run and task events, the worker id or channel otherwise. */
    String key();
}

package dev.genesis.queue.messaging;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.List;

/**
 * What one transaction wants to tell the world. Filled inside the transaction, published by
 * {@link Publisher#publish} only after it commits, so that nobody hears of a change that was
 * rolled back.
 */
public final class Outbox {

    /** A dispatch and the partition of the worker it was counted against. */
    public record Dispatch(TaskDispatched event, int partition) {
    }

    final List<GenesisEvent> runEvents = new ArrayList<>();
    final List<Dispatch> dispatches = new ArrayList<>();
    final List<TaskCancelRequested> cancels = new ArrayList<>();

    public void runEvent(GenesisEvent event) {
        runEvents.add(event);
    }

    public void dispatch(TaskDispatched event, int partition) {
        dispatches.add(new Dispatch(event, partition));
    }

    public void cancel(TaskCancelRequested event) {
        cancels.add(event);
    }

    public List<Dispatch> dispatches() {
        return dispatches;
    }

    public boolean isEmpty() {
        return runEvents.isEmpty() && dispatches.isEmpty() && cancels.isEmpty();
    }
}

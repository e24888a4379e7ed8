package dev.genesis.queue.messaging;

import dev.genesis.common.events.GenesisEvent;
import dev.genesis.common.events.TaskCancelRequested;
import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    /** The cause of each failed attempt this transaction re-queued for another attempt (for the metrics). */
    final List<String> retryCauses = new ArrayList<>();
    /** Continuations this transaction held, promoted and released, by that outcome (for the metrics). */
    final Map<String, Integer> continuations = new HashMap<>();

    public void runEvent(GenesisEvent event) {
        runEvents.add(event);
    }

    public void dispatch(TaskDispatched event, int partition) {
        dispatches.add(new Dispatch(event, partition));
    }

    /** Puts {@code event} in place of the dispatch at {@code index}, keeping its partition. */
    public void replace(int index, TaskDispatched event) {
        dispatches.set(index, new Dispatch(event, dispatches.get(index).partition()));
    }

    public void cancel(TaskCancelRequested event) {
        cancels.add(event);
    }

    /** Notes that a failed attempt was re-queued for another one, counted once the outbox is published. */
    public void retried(String cause) {
        retryCauses.add(cause);
    }

    /**
     * Notes {@code count} continuations {@code outcome} (held, relayed, promoted, released), counted once
     * the outbox is published.
     */
    public void continuations(String outcome, int count) {
        if (count > 0) {
            continuations.merge(outcome, count, Integer::sum);
        }
    }

    public Map<String, Integer> continuations() {
        return continuations;
    }

    public List<Dispatch> dispatches() {
        return dispatches;
    }

    public List<GenesisEvent> runEvents() {
        return runEvents;
    }

    public List<String> retryCauses() {
        return retryCauses;
    }

    public boolean isEmpty() {
        return runEvents.isEmpty() && dispatches.isEmpty() && cancels.isEmpty();
    }
}

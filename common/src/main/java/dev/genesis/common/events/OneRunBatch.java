package dev.genesis.common.events;

import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;

/** What every batch record of one run checks of its elements ({@link TaskDispatchBatch}, {@link TaskStateBatch}). */
final class OneRunBatch {

    private OneRunBatch() {
    }

    /**
     * An unmodifiable copy of {@code items}, which must hold at least one element, each of run
     * {@code runId}; {@code kind} and {@code element} name them in the error ("a state batch holds at
     * least one change").
     */
    static <T> List<T> elements(UUID runId, List<T> items, Function<T, UUID> runOf, String kind, String element) {
        Objects.requireNonNull(runId, "runId");
        List<T> copy = List.copyOf(items);
        if (copy.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " batch holds at least one " + element);
        }
        for (T item : copy) {
            if (!runId.equals(runOf.apply(item))) {
                throw new IllegalArgumentException(element + " of run " + runOf.apply(item) + " in a batch of run " + runId);
            }
        }
        return copy;
    }
}

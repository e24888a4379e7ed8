package dev.genesis.queue.store;

import dev.genesis.common.spec.ResourceMode;
import dev.genesis.common.spec.Resources;
import java.util.List;
import java.util.OptionalLong;

/**
 * A DISPATCHED or RUNNING attempt as a dispatch round needs it: whose slot it takes, what it
 * holds, and how long its kind says it takes (empty when unknown).
 */
public record ActiveAttempt(String worker, List<String> writes, List<String> reads, String mode,
        OptionalLong expectedMillis) {

    public boolean holdsResources() {
        return !writes.isEmpty() || !reads.isEmpty();
    }

    public Resources resources() {
        return new Resources(writes, reads, ResourceMode.fromWire(mode));
    }
}

package dev.genesis.common.spec;

import java.util.List;
import java.util.Map;

/**
 * One task of a run as submitted. Optional fields are null when absent; the accessors named
 * {@code effective...} apply the documented defaults.
 */
public record TaskSpec(
        String id,
        String kind,
        Map<String, Object> params,
        Integer priority,
        List<String> dependsOn,
        Resources resources,
        Long timeoutMs,
        RetryPolicy retry) {

    /** Used when a task gives no timeout: one hour. */
    public static final long DEFAULT_TIMEOUT_MS = 3_600_000L;

    public TaskSpec {
        params = params == null ? Map.of() : params;
        dependsOn = dependsOn == null ? List.of() : dependsOn;
        resources = resources == null ? Resources.NONE : resources;
    }

    public int effectivePriority() {
        return priority == null ? 0 : priority;
    }

    public long effectiveTimeoutMs() {
        return timeoutMs == null ? DEFAULT_TIMEOUT_MS : timeoutMs;
    }

    public RetryPolicy effectiveRetry() {
        return retry == null ? RetryPolicy.NONE : retry;
    }
}

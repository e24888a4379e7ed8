package dev.genesis.coordinator.locks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Test data builder for lock requests, as a REST body or as a {@link LockRequest}. */
public final class LockRequestBuilder {

    private String owner = "worker-test";
    private String holder;
    private final List<String> writes = new ArrayList<>();
    private final List<String> reads = new ArrayList<>();
    private long leaseMs = 30_000;
    private long waitMs = 0;

    private LockRequestBuilder(String holder) {
        this.holder = holder;
    }

    public static LockRequestBuilder aLock(String holder) {
        return new LockRequestBuilder(holder);
    }

    public LockRequestBuilder owner(String value) {
        owner = value;
        return this;
    }

    public LockRequestBuilder writes(String... paths) {
        writes.addAll(List.of(paths));
        return this;
    }

    public LockRequestBuilder reads(String... paths) {
        reads.addAll(List.of(paths));
        return this;
    }

    public LockRequestBuilder leaseMs(long value) {
        leaseMs = value;
        return this;
    }

    public LockRequestBuilder waitMs(long value) {
        waitMs = value;
        return this;
    }

    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("owner", owner);
        body.put("holder", holder);
        body.put("writes", writes);
        body.put("reads", reads);
        body.put("leaseMs", leaseMs);
        body.put("waitMs", waitMs);
        return body;
    }

    /** One request of {@code /acquire-each}: the same fields without waitMs, since nothing waits there. */
    public Map<String, Object> eachBody() {
        Map<String, Object> body = body();
        body.remove("waitMs");
        return body;
    }

    public LockRequest build() {
        return new LockRequest(owner, holder, LockRequests.normalized(writes), LockRequests.normalized(reads),
                leaseMs, waitMs);
    }
}

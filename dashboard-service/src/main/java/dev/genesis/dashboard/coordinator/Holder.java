package dev.genesis.dashboard.coordinator;

import java.util.UUID;

/** A lock holder as workers name it, {@code runId/taskId#attempt}; parts are null when it has another form. */
record Holder(UUID runId, String taskId, Integer attempt) {

    private static final Holder UNKNOWN = new Holder(null, null, null);

    static Holder parse(String holder) {
        if (holder == null) {
            return UNKNOWN;
        }
        int slash = holder.indexOf('/');
        int hash = holder.lastIndexOf('#');
        if (slash <= 0 || hash <= slash + 1) {
            return UNKNOWN;
        }
        try {
            return new Holder(UUID.fromString(holder.substring(0, slash)), holder.substring(slash + 1, hash),
                    Integer.valueOf(holder.substring(hash + 1)));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }
}

package dev.genesis.coordinator.locks;

import dev.genesis.common.api.FieldError;
import dev.genesis.common.spec.ResourcePaths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** Checks and normalizes the paths of a lock request; equal paths after normalization count once. */
public final class LockRequests {

    private LockRequests() {
    }

    /** Problems with a request's fields; empty when it is acceptable. */
    public static List<FieldError> problems(String owner, String holder, List<String> writes, List<String> reads) {
        List<FieldError> errors = new ArrayList<>();
        if (owner == null || owner.isBlank()) {
            errors.add(new FieldError("owner", "must not be blank"));
        }
        if (holder == null || holder.isBlank()) {
            errors.add(new FieldError("holder", "must not be blank"));
        }
        if (writes.isEmpty() && reads.isEmpty()) {
            errors.add(new FieldError("writes", "writes and reads must not both be empty"));
        }
        collect("writes", writes, errors);
        collect("reads", reads, errors);
        return errors;
    }

    /**
     * {@link #problems(String, String, List, List)} plus the lease length, which must be 1 to
     * {@code maxLeaseMs}: the checks every granting endpoint shares.
     */
    public static List<FieldError> problems(String owner, String holder, List<String> writes, List<String> reads,
            long leaseMs, long maxLeaseMs) {
        List<FieldError> errors = problems(owner, holder, writes, reads);
        if (leaseMs < 1 || leaseMs > maxLeaseMs) {
            errors.add(new FieldError("leaseMs", "must be between 1 and " + maxLeaseMs));
        }
        return errors;
    }

    private static void collect(String field, List<String> paths, List<FieldError> errors) {
        for (int i = 0; i < paths.size(); i++) {
            String problem = ResourcePaths.problemWith(paths.get(i));
            if (problem == null && ResourcePaths.normalize(paths.get(i)).isEmpty()) {
                problem = "must name a file or folder inside the workspace";
            }
            if (problem != null) {
                errors.add(new FieldError(field + "[" + i + "]", problem));
            }
        }
    }

    /** Normalized, de-duplicated paths in a stable order. */
    public static List<String> normalized(List<String> paths) {
        LinkedHashSet<String> out = new LinkedHashSet<>();
        for (String path : paths) {
            out.add(ResourcePaths.normalize(path));
        }
        return List.copyOf(out);
    }
}

package dev.genesis.common.spec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * The workspace paths a task declares. Writes are exclusive, reads shared; a path ending
 * in {@code /} is a whole folder.
 */
public record Resources(List<String> writes, List<String> reads, ResourceMode mode) {

    public static final Resources NONE = new Resources(List.of(), List.of(), ResourceMode.LOCK);

    public Resources {
        writes = writes == null ? List.of() : writes;
        reads = reads == null ? List.of() : reads;
        mode = mode == null ? ResourceMode.LOCK : mode;
    }

    @JsonIgnore
    public boolean isEmpty() {
        return writes.isEmpty() && reads.isEmpty();
    }

    /**
     * The writes locked while the task runs: all of them, but none in merge mode, whose writers run
     * side by side and take their write locks only for the moment of the commit.
     */
    @JsonIgnore
    public List<String> writesLockedWhileRunning() {
        return mode == ResourceMode.MERGE ? List.of() : writes;
    }

    /** True when running both at once could clobber: a write of one overlaps any path of the other. */
    public boolean conflictsWith(Resources other) {
        if (mode == ResourceMode.MERGE && other.mode == ResourceMode.MERGE) {
            return false;
        }
        return ResourcePaths.anyOverlap(writes, other.writes)
                || ResourcePaths.anyOverlap(writes, other.reads)
                || ResourcePaths.anyOverlap(reads, other.writes);
    }
}

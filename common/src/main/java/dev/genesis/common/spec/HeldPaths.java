package dev.genesis.common.spec;

import java.util.Collection;
import java.util.NavigableSet;
import java.util.TreeSet;

/**
 * The resources of tasks that hold them (running, or placed in this dispatch round), indexed so
 * that asking whether a task conflicts with any of them costs per path of that task, not per held
 * path: {@link Resources#conflictsWith} against each holder compares every path pair, normalising
 * both each time, which made the queue's dispatch round quadratic in the paths held (9 % of the
 * queue's CPU in the seismology trace, whose tasks lock three files each).
 *
 * <p>Answers exactly as {@code holders.stream().anyMatch(candidate::conflictsWith)}: paths are
 * compared normalised; a folder ({@code a/}) overlaps everything under it; writes exclude every
 * other use of an overlapping path, reads only writes; two merge-mode tasks never conflict. Not
 * thread-safe: one per round.
 */
public final class HeldPaths {

    /** Normalised writes and reads of lock-mode holders, and of merge-mode holders. */
    private final NavigableSet<String> lockWrites = new TreeSet<>();
    private final NavigableSet<String> lockReads = new TreeSet<>();
    private final NavigableSet<String> mergeWrites = new TreeSet<>();
    private final NavigableSet<String> mergeReads = new TreeSet<>();

    /** Counts {@code resources} as held from now on. */
    public void add(Resources resources) {
        boolean merge = resources.mode() == ResourceMode.MERGE;
        addAll(merge ? mergeWrites : lockWrites, resources.writes());
        addAll(merge ? mergeReads : lockReads, resources.reads());
    }

    /** Whether running a task that declares {@code candidate} now could clobber a holder's paths. */
    public boolean conflictsWith(Resources candidate) {
        boolean merge = candidate.mode() == ResourceMode.MERGE;
        for (String path : candidate.writes()) {
            String p = ResourcePaths.normalize(path);
            if (overlapsAny(p, lockWrites) || overlapsAny(p, lockReads)
                    || !merge && (overlapsAny(p, mergeWrites) || overlapsAny(p, mergeReads))) {
                return true;
            }
        }
        for (String path : candidate.reads()) {
            String p = ResourcePaths.normalize(path);
            if (overlapsAny(p, lockWrites) || !merge && overlapsAny(p, mergeWrites)) {
                return true;
            }
        }
        return false;
    }

    private static void addAll(NavigableSet<String> into, Collection<String> paths) {
        for (String path : paths) {
            into.add(ResourcePaths.normalize(path));
        }
    }

    /**
     * {@link ResourcePaths#overlap} of the normalised {@code p} against every member of
     * {@code held}: equal; a held folder above {@code p} (each prefix of {@code p} that ends in
     * {@code /}); or, for a folder {@code p}, a held path under it — the paths that start with
     * {@code p} sort right after it, so the least one not below {@code p} tells.
     */
    private static boolean overlapsAny(String p, NavigableSet<String> held) {
        if (held.isEmpty()) {
            return false;
        }
        if (held.contains(p)) {
            return true;
        }
        for (int slash = p.indexOf('/'); slash >= 0; slash = p.indexOf('/', slash + 1)) {
            if (held.contains(p.substring(0, slash + 1))) {
                return true;
            }
        }
        if (ResourcePaths.isFolder(p)) {
            String next = held.ceiling(p);
            return next != null && next.startsWith(p);
        }
        return false;
    }
}

package dev.genesis.worker.execution;

import dev.genesis.common.events.TaskDispatched;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Continuations ({@link TaskDispatched#after()}) that wait on this worker for the attempt they
 * follow. A continuation runs only if that attempt succeeded here; any other end of it (failed,
 * stopped, handed back, dropped unstarted) drops the continuation, and the continuations waiting
 * on that one in turn, because the queue, which sees the same end, lets the task wait for its
 * dependency again. A continuation whose attempt this worker never took waits until its own
 * {@code startBy} and is then dropped: its attempt was dispatched elsewhere, or its record was
 * not this worker's to read. Relays ({@link TaskDispatched#isRelay()}) wait here the same way,
 * for the attempt they follow, but are forwarded to their own worker rather than run here.
 */
final class HeldContinuations {

    /** What to do with a continuation that just arrived. */
    enum Verdict { RUN, HOLD, DROP }

    /** How many ended attempts are remembered for continuations that arrive after them. */
    private static final int REMEMBERED = 4_096;

    private final Map<AttemptKey, List<TaskDispatched>> waiting = new HashMap<>();
    /** Attempts taken here and not ended: a continuation on one of them waits for as long as it runs. */
    private final Set<AttemptKey> live = new HashSet<>();
    /** Recently ended attempts: true when they succeeded. */
    private final Map<AttemptKey, Boolean> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AttemptKey, Boolean> eldest) {
            return size() > REMEMBERED;
        }
    };

    /** An attempt was taken here: continuations on it wait until it ends. */
    synchronized void taken(AttemptKey key) {
        live.add(key);
    }

    /** A continuation arrived: run it now (its attempt succeeded), hold it, or drop it (its attempt did not succeed). */
    synchronized Verdict arrive(TaskDispatched continuation) {
        AttemptKey after = afterOf(continuation);
        Boolean outcome = ended.get(after);
        if (outcome != null) {
            return outcome ? Verdict.RUN : Verdict.DROP;
        }
        waiting.computeIfAbsent(after, k -> new ArrayList<>()).add(continuation);
        if (!continuation.isRelay()) {
            live.add(DispatchQueue.keyOf(continuation)); // a relay runs elsewhere: nothing waits on it here
        }
        return Verdict.HOLD;
    }

    /**
     * An attempt taken here ended (or was dropped unstarted).
     *
     * @return the continuations that may run now: those on it when it succeeded, else none
     */
    synchronized List<TaskDispatched> ended(AttemptKey key, boolean succeeded, Instant now) {
        live.remove(key);
        ended.put(key, succeeded);
        List<TaskDispatched> next = waiting.remove(key);
        if (next != null && !succeeded) {
            next.forEach(d -> ended(DispatchQueue.keyOf(d), false, now));
            next = null;
        }
        dropOrphans(now);
        return next == null ? List.of() : next;
    }

    /** Drops a waiting continuation (its task was cancelled); false when none waits under that key. */
    synchronized boolean cancel(AttemptKey key, Instant now) {
        for (List<TaskDispatched> list : waiting.values()) {
            if (list.removeIf(d -> DispatchQueue.keyOf(d).equals(key))) {
                ended(key, false, now);
                return true;
            }
        }
        return false;
    }

    synchronized int size() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    /** Continuations on attempts this worker does not run, whose window to start has passed. */
    private void dropOrphans(Instant now) {
        Iterator<Map.Entry<AttemptKey, List<TaskDispatched>>> it = waiting.entrySet().iterator();
        List<AttemptKey> dropped = new ArrayList<>();
        while (it.hasNext()) {
            Map.Entry<AttemptKey, List<TaskDispatched>> e = it.next();
            if (!live.contains(e.getKey()) && e.getValue().stream()
                    .allMatch(d -> d.startBy() != null && d.startBy().isBefore(now))) {
                e.getValue().forEach(d -> dropped.add(DispatchQueue.keyOf(d)));
                it.remove();
            }
        }
        dropped.forEach(k -> ended(k, false, now));
    }

    private static AttemptKey afterOf(TaskDispatched continuation) {
        return new AttemptKey(continuation.runId(), continuation.after().taskId(), continuation.after().attempt());
    }
}

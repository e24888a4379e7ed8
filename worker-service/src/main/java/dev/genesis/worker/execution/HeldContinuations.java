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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

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

    private static final CompletionStage<Void> REPORTED = CompletableFuture.completedFuture(null);

    /** How many ended attempts are remembered for continuations that arrive after them. */
    private static final int REMEMBERED = 4_096;

    private final Map<AttemptKey, List<TaskDispatched>> waiting = new HashMap<>();
    /** Attempts taken here and not ended: a continuation on one of them waits for as long as it runs. */
    private final Set<AttemptKey> live = new HashSet<>();
    /** Recently ended attempts: for a success, when its result reached the broker; null for any other end. */
    private final Map<AttemptKey, CompletionStage<Void>> ended = new LinkedHashMap<>(256, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<AttemptKey, CompletionStage<Void>> eldest) {
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
        if (ended.containsKey(after)) {
            if (ended.get(after) != null) {
                return Verdict.RUN;
            }
            // Dropped as an attempt that did not succeed: a continuation on it, arrived before or
            // after, goes too (a dependency that fails at once can end before the rest of its
            // record is read).
            endWithoutSuccess(DispatchQueue.keyOf(continuation));
            return Verdict.DROP;
        }
        waiting.computeIfAbsent(after, k -> new ArrayList<>()).add(continuation);
        if (!continuation.isRelay()) {
            live.add(DispatchQueue.keyOf(continuation)); // a relay runs elsewhere: nothing waits on it here
        }
        return Verdict.HOLD;
    }

    /**
     * When the success of an attempt that ended here reached the broker (a relay is forwarded only
     * then); at once when that is not known any more.
     */
    synchronized CompletionStage<Void> reported(AttemptKey key) {
        CompletionStage<Void> reported = ended.get(key);
        return reported == null ? REPORTED : reported;
    }

    /** {@link #ended(AttemptKey, boolean, CompletionStage, Instant)} of an attempt whose result needs no wait. */
    synchronized List<TaskDispatched> ended(AttemptKey key, boolean succeeded, Instant now) {
        return ended(key, succeeded, REPORTED, now);
    }

    /**
     * An attempt taken here ended (or was dropped unstarted); {@code reported} completes when its
     * result reached the broker.
     *
     * @return the continuations that may run now: those on it when it succeeded, else none
     */
    synchronized List<TaskDispatched> ended(AttemptKey key, boolean succeeded, CompletionStage<Void> reported,
            Instant now) {
        List<TaskDispatched> next = List.of();
        if (succeeded) {
            live.remove(key);
            ended.put(key, reported);
            List<TaskDispatched> waitingOnIt = waiting.remove(key);
            next = waitingOnIt == null ? List.of() : waitingOnIt;
        } else {
            endWithoutSuccess(key);
        }
        dropOrphans(now);
        return next;
    }

    /** Records an end other than success, and drops the line waiting on it. */
    private void endWithoutSuccess(AttemptKey key) {
        live.remove(key);
        ended.put(key, null);
        List<TaskDispatched> behind = waiting.remove(key);
        if (behind != null) {
            behind.forEach(d -> endWithoutSuccess(DispatchQueue.keyOf(d)));
        }
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

    /**
     * Drops the continuations on attempts this worker does not run whose window to start has
     * passed; run every second too, so that they go while no attempt ends here (an idle worker).
     *
     * @return how many it dropped, the continuations waiting behind them included
     */
    synchronized int expire(Instant now) {
        int before = size();
        dropOrphans(now);
        return before - size();
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
        dropped.forEach(this::endWithoutSuccess);
    }

    /** The attempt a continuation or relay follows. */
    static AttemptKey afterOf(TaskDispatched continuation) {
        return new AttemptKey(continuation.runId(), continuation.after().taskId(), continuation.after().attempt());
    }
}

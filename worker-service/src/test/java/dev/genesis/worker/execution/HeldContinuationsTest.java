package dev.genesis.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.TaskDispatched;
import dev.genesis.common.spec.Resources;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class HeldContinuationsTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");
    private final UUID run = UUID.randomUUID();
    private final HeldContinuations held = new HeldContinuations();

    @Test
    void aContinuationRunsWhenTheAttemptItFollowsSucceedsHere() {
        held.taken(key("a", 1));
        TaskDispatched b = continuation("b", 1, "a", 1);
        assertThat(held.arrive(b)).isEqualTo(HeldContinuations.Verdict.HOLD);
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.ended(key("a", 1), true, NOW)).containsExactly(b);
        assertThat(held.size()).isZero();
    }

    @Test
    void aContinuationArrivingAfterItsAttemptEndedIsJudgedByThatEnd() {
        held.taken(key("a", 1));
        held.taken(key("x", 2));
        held.ended(key("a", 1), true, NOW);
        held.ended(key("x", 2), false, NOW);
        assertThat(held.arrive(continuation("b", 1, "a", 1))).isEqualTo(HeldContinuations.Verdict.RUN);
        assertThat(held.arrive(continuation("y", 1, "x", 2))).isEqualTo(HeldContinuations.Verdict.DROP);
        // Another attempt of a is another attempt: b waits for it.
        assertThat(held.arrive(continuation("b", 2, "a", 2))).isEqualTo(HeldContinuations.Verdict.HOLD);
    }

    @Test
    void aFailureDropsTheContinuationAndThoseThatWaitOnIt() {
        held.taken(key("a", 1));
        held.arrive(continuation("b", 1, "a", 1));
        held.arrive(continuation("c", 1, "b", 1));
        assertThat(held.ended(key("a", 1), false, NOW)).isEmpty();
        assertThat(held.size()).isZero();
        // c's own dependency never runs here: anything sent after it is dropped too.
        assertThat(held.arrive(continuation("d", 1, "c", 1))).isEqualTo(HeldContinuations.Verdict.DROP);
    }

    @Test
    void aCancelledContinuationIsDroppedWithoutRunning() {
        held.taken(key("a", 1));
        held.arrive(continuation("b", 1, "a", 1));
        assertThat(held.cancel(key("b", 1), NOW)).isTrue();
        assertThat(held.cancel(key("b", 1), NOW)).isFalse();
        assertThat(held.ended(key("a", 1), true, NOW)).isEmpty();
    }

    @Test
    void aContinuationOnAnAttemptNeverTakenHereIsDroppedOnceItsWindowPassed() {
        TaskDispatched orphan = continuation("b", 1, "elsewhere", 1);
        assertThat(held.arrive(orphan)).isEqualTo(HeldContinuations.Verdict.HOLD);
        held.taken(key("other", 1));
        held.ended(key("other", 1), true, NOW); // before its startBy: it may still come
        assertThat(held.size()).isEqualTo(1);
        held.taken(key("other", 2));
        held.ended(key("other", 2), true, orphan.startBy().plusMillis(1));
        assertThat(held.size()).isZero();
    }

    @Test
    void anOrphanAndTheLineBehindItExpireOnceItsWindowPassedWhileNoAttemptEnds() {
        TaskDispatched orphan = continuation("b", 1, "elsewhere", 1);
        TaskDispatched behind = continuation("c", 1, "b", 1);
        held.arrive(orphan);
        held.arrive(behind);
        assertThat(held.expire(orphan.startBy())).isZero();
        assertThat(held.size()).isEqualTo(2);
        assertThat(held.expire(orphan.startBy().plusMillis(1))).isEqualTo(2);
        assertThat(held.size()).isZero();
        // The line is gone: its attempts count as ended without success.
        assertThat(held.arrive(continuation("d", 1, "c", 1))).isEqualTo(HeldContinuations.Verdict.DROP);
    }

    @Test
    void aContinuationDroppedOnArrivalTakesTheLineBehindItAlongWhateverTheOrder() {
        held.taken(key("a", 1));
        held.ended(key("a", 1), false, NOW);
        // b arrives after a failed (a ended before the rest of its record was read): dropped, and c with it.
        assertThat(held.arrive(continuation("b", 1, "a", 1))).isEqualTo(HeldContinuations.Verdict.DROP);
        assertThat(held.arrive(continuation("c", 1, "b", 1))).isEqualTo(HeldContinuations.Verdict.DROP);
        assertThat(held.size()).isZero();

        // The line's end arriving first: it waits, then goes when the one it waits on is dropped.
        held.taken(key("x", 1));
        held.ended(key("x", 1), false, NOW);
        assertThat(held.arrive(continuation("z", 1, "y", 1))).isEqualTo(HeldContinuations.Verdict.HOLD);
        assertThat(held.arrive(continuation("y", 1, "x", 1))).isEqualTo(HeldContinuations.Verdict.DROP);
        assertThat(held.size()).isZero();
    }

    @Test
    void aContinuationOnALongAttemptRunningHereWaitsPastItsWindow() {
        held.taken(key("a", 1));
        TaskDispatched b = continuation("b", 1, "a", 1);
        held.arrive(b);
        held.taken(key("other", 1));
        held.ended(key("other", 1), true, b.startBy().plusSeconds(3_600));
        assertThat(held.ended(key("a", 1), true, b.startBy().plusSeconds(3_601))).containsExactly(b);
    }

    @Test
    void aRelayArrivingAfterItsAttemptSucceededWaitsForThatSuccessToReachTheBroker() {
        CompletableFuture<Void> reported = new CompletableFuture<>();
        held.taken(key("a", 1));
        held.ended(key("a", 1), true, reported, NOW);
        TaskDispatched relay = relay("b", 1, "a", 1);
        assertThat(held.arrive(relay)).isEqualTo(HeldContinuations.Verdict.RUN);
        // The slot forwards it only once this completes: the queue must read a's success first.
        assertThat(held.reported(HeldContinuations.afterOf(relay))).isSameAs(reported);
        assertThat(held.reported(key("never-ran", 1)).toCompletableFuture()).isDone();
    }

    @Test
    void aRelayWaitsForItsAttemptLikeAContinuationButIsNoAttemptOfThisWorker() {
        held.taken(key("a", 1));
        TaskDispatched relay = relay("b", 1, "a", 1);
        assertThat(held.arrive(relay)).isEqualTo(HeldContinuations.Verdict.HOLD);
        // A continuation sent on the relay's attempt is not kept alive by it: b never runs here.
        TaskDispatched onRelay = continuation("c", 1, "b", 1);
        held.arrive(onRelay);
        assertThat(held.ended(key("a", 1), true, NOW)).containsExactly(relay);
        held.taken(key("other", 1));
        held.ended(key("other", 1), true, onRelay.startBy().plusMillis(1));
        assertThat(held.size()).isZero();
    }

    private AttemptKey key(String task, int attempt) {
        return new AttemptKey(run, task, attempt);
    }

    private TaskDispatched continuation(String task, int attempt, String after, int afterAttempt) {
        return new TaskDispatched(run, task, attempt, "noop", Map.of(), Resources.NONE, 1_000, 0, "w1", NOW,
                NOW.plusSeconds(15), new TaskDispatched.After(after, afterAttempt));
    }

    private TaskDispatched relay(String task, int attempt, String after, int afterAttempt) {
        return new TaskDispatched(run, task, attempt, "noop", Map.of(), Resources.NONE, 1_000, 0, "w2", NOW,
                NOW.plusSeconds(15), new TaskDispatched.After(after, afterAttempt), 5);
    }
}

package dev.genesis.dashboard.board;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Locks and conflicts reach the live stream when they change, and only then. */
class CoordinationStateTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final Board board = new Board(clock, 10, Duration.ofSeconds(3), Duration.ofMinutes(10));

    @Test
    void aNewLeaseIsSentButItsRenewalIsNot() {
        board.updateLocks(locks(T0, lock("l1", T0.plusSeconds(30))));
        Delta first = board.drainDelta().orElseThrow();
        assertThat(first.locks().held()).extracting(LockView::leaseId).containsExactly("l1");

        board.updateLocks(locks(T0.plusSeconds(1), lock("l1", T0.plusSeconds(31))));
        assertThat(board.drainDelta()).as("a renewal moves only the expiry").isEmpty();
        assertThat(board.locks().held().get(0).expiresAt()).isEqualTo(T0.plusSeconds(31));

        board.updateLocks(locks(T0.plusSeconds(2)));
        assertThat(board.drainDelta().orElseThrow().locks().held()).isEmpty();
    }

    @Test
    void anUnreachableCoordinatorIsSent() {
        board.updateLocks(locks(T0, lock("l1", T0)));
        board.drainDelta();

        board.updateLocks(new LocksView(false, T0.plusSeconds(1), board.locks().held(), List.of()));

        LocksView sent = board.drainDelta().orElseThrow().locks();
        assertThat(sent.reachable()).isFalse();
        assertThat(sent.held()).extracting(LockView::leaseId).as("the last known").containsExactly("l1");
    }

    @Test
    void conflictsAreSentWhenANewOneAppears() {
        ConflictView older = conflict(1);
        board.updateConflicts(List.of(older));
        assertThat(board.drainDelta().orElseThrow().conflicts()).containsExactly(older);

        board.updateConflicts(List.of(older));
        assertThat(board.drainDelta()).isEmpty();

        ConflictView newer = conflict(2);
        board.updateConflicts(List.of(newer, older));
        assertThat(board.drainDelta().orElseThrow().conflicts()).containsExactly(newer, older);
        assertThat(board.conflicts()).containsExactly(newer, older);
    }

    private static LocksView locks(Instant at, LockView... held) {
        return new LocksView(true, at, List.of(held), List.of());
    }

    private static LockView lock(String leaseId, Instant expiresAt) {
        return new LockView(leaseId, "src/a.txt", "write", "h", UUID.randomUUID(), "t", 1, "w1", 1, T0, expiresAt);
    }

    private static ConflictView conflict(long id) {
        return new ConflictView(id, "merge", "run", "t", 1, "run/t#1", "a.txt", 1, 2, T0, "/api/conflicts/" + id);
    }
}

package dev.genesis.dashboard.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.genesis.dashboard.board.LockView;
import dev.genesis.dashboard.board.LockWait;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LockTableTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final UUID RUN = UUID.randomUUID();

    @Test
    void aLeaseIsOneRowPerPathWithItsModeAndTheTaskThatHoldsIt() {
        var lease = new CoordinatorApi.Lease("l1", 7, "w1", RUN + "/build#2", List.of("src/"), List.of("lib/a.txt"),
                "write", T0.plusSeconds(30), T0);

        List<LockView> rows = LockTable.held(List.of(lease), Map.of());

        assertThat(rows).extracting(LockView::path, LockView::mode, LockView::runId, LockView::taskId,
                LockView::attempt, LockView::worker, LockView::acquiredAt)
                .containsExactly(
                        tuple("lib/a.txt", "read", RUN, "build", 2, "w1", T0),
                        tuple("src/", "write", RUN, "build", 2, "w1", T0));
    }

    @Test
    void withoutAGrantTimeALeaseIsAsOldAsTheDashboardHasSeenIt() {
        var lease = new CoordinatorApi.Lease("l1", 7, "w1", "someone", List.of("a.txt"), List.of(), "write",
                T0.plusSeconds(30), null);

        LockView row = LockTable.held(List.of(lease), Map.of("l1", T0.minusSeconds(4))).get(0);

        assertThat(row.acquiredAt()).isEqualTo(T0.minusSeconds(4));
        assertThat(row.runId()).as("a holder not in the runId/taskId#attempt form").isNull();
        assertThat(row.holder()).isEqualTo("someone");
    }

    @Test
    void aWaiterNamesTheHoldersOfTheOverlappingLeases() {
        var folderWriter = new CoordinatorApi.Lease("l1", 1, "w1", "h-folder", List.of("src/"), List.of(), "write",
                T0, T0);
        var reader = new CoordinatorApi.Lease("l2", 2, "w2", "h-reader", List.of(), List.of("docs/a.md"), "read",
                T0, T0);
        var elsewhere = new CoordinatorApi.Lease("l3", 3, "w3", "h-other", List.of("other.txt"), List.of(), "write",
                T0, T0);
        var leases = List.of(folderWriter, reader, elsewhere);
        var writer = new CoordinatorApi.Waiting("w4", RUN + "/edit#1", List.of("src/x.java", "docs/a.md"), List.of(),
                "write", T0.plusSeconds(1));
        var sharedReader = new CoordinatorApi.Waiting("w5", "h-read", List.of(), List.of("docs/a.md"), "read",
                T0.plusSeconds(2));

        List<LockWait> rows = LockTable.waiting(List.of(sharedReader, writer), leases);

        assertThat(rows).extracting(LockWait::holder, LockWait::blockedBy).containsExactly(
                tuple(RUN + "/edit#1", List.of("h-folder", "h-reader")),
                tuple("h-read", List.of()));
        assertThat(rows.get(0).taskId()).isEqualTo("edit");
        assertThat(rows.get(0).worker()).isEqualTo("w4");
    }
}

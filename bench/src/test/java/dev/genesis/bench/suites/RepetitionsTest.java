package dev.genesis.bench.suites;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RepetitionsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);

    private void advanceSeconds(long s) {
        now.addAndGet(Duration.ofSeconds(s).toNanos());
    }

    @Test
    void fixedRepetitionsRunExactlyKWhateverTheyTake() {
        Repetitions reps = new Repetitions(3, true, Duration.ZERO, now::get);
        int ran = 0;
        while (reps.next()) {
            ran++;
            advanceSeconds(1000);
        }
        assertThat(ran).isEqualTo(3);
        assertThat(reps.describe()).isEqualTo("median of 3 repetitions");
    }

    @Test
    void anotherRepetitionStartsOnlyIfAtLeastHalfOfItStillFits() {
        Repetitions reps = new Repetitions(3, false, Duration.ofSeconds(90), now::get);
        assertThat(reps.next()).isTrue();
        advanceSeconds(40); // 40 elapsed + half of 40 = 60 ≤ 90
        assertThat(reps.next()).isTrue();
        advanceSeconds(40); // 80 elapsed + half of 40 = 100 > 90
        assertThat(reps.next()).isFalse();
        assertThat(reps.done()).isEqualTo(2);
        assertThat(reps.describe()).contains("median of 2", "2 of 3", "time budget");
    }

    @Test
    void theFirstRepetitionRunsEvenWithoutBudgetAndNeverMoreThanTheMaximum() {
        Repetitions none = new Repetitions(3, false, Duration.ZERO, now::get);
        assertThat(none.next()).isTrue();
        advanceSeconds(1);
        assertThat(none.next()).isFalse();
        assertThat(none.describe()).startsWith("1 repetition");

        Repetitions plenty = new Repetitions(2, false, Duration.ofHours(1), now::get);
        assertThat(plenty.next()).isTrue();
        assertThat(plenty.next()).isTrue();
        assertThat(plenty.next()).isFalse();
        assertThat(plenty.describe()).isEqualTo("median of 2 repetitions");
    }

    @Test
    void aShareGetsAnEqualPartOfWhatIsLeft() {
        Repetitions reps = new Repetitions(3, false, Duration.ofSeconds(90), now::get);
        advanceSeconds(30);
        Repetitions first = reps.share(3); // (90 − 30) / 3 = 20 s
        assertThat(first.next()).isTrue();
        advanceSeconds(12); // 12 + 6 ≤ 20
        assertThat(first.next()).isTrue();
        advanceSeconds(12); // 24 + 6 > 20
        assertThat(first.next()).isFalse();
        assertThat(first.max()).isEqualTo(3);
    }
}

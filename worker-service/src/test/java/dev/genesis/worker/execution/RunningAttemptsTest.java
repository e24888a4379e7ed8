package dev.genesis.worker.execution;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunningAttemptsTest {

    private final RunningAttempts slots = new RunningAttempts(2);

    @Test
    void occupyingSlotsReducesFreeOnes() {
        assertThat(slots.occupy(anAttempt("a"))).isTrue();

        assertThat(slots.busy()).isEqualTo(1);
        assertThat(slots.free()).isEqualTo(1);
    }

    @Test
    void noMoreAttemptsThanSlots() {
        slots.occupy(anAttempt("a"));
        slots.occupy(anAttempt("b"));

        assertThat(slots.occupy(anAttempt("c"))).isFalse();
        assertThat(slots.free()).isZero();
    }

    @Test
    void theSameAttemptCannotTakeTwoSlots() {
        RunningAttempt attempt = anAttempt("a");
        slots.occupy(attempt);

        assertThat(slots.occupy(new RunningAttempt(attempt.dispatch(), Instant.now()))).isFalse();
        assertThat(slots.busy()).isEqualTo(1);
    }

    @Test
    void freeingASlotMakesRoomAndForgetsTheAttempt() {
        RunningAttempt a = anAttempt("a");
        slots.occupy(a);
        slots.occupy(anAttempt("b"));

        slots.free(a.key());

        assertThat(slots.find(a.key())).isEmpty();
        assertThat(slots.occupy(anAttempt("c"))).isTrue();
    }

    @Test
    void stoppingRecordsOnlyTheFirstCause() {
        RunningAttempt a = anAttempt("a");

        assertThat(a.stop("timeout")).isTrue();
        assertThat(a.stop("cancelled")).isFalse();
        assertThat(a.stopCause()).isEqualTo("timeout");
        assertThat(a.stopped()).isCompletedWithValue("timeout");
    }

    @Test
    void aWorkerNeedsAtLeastOneSlot() {
        assertThatThrownBy(() -> new RunningAttempts(0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static RunningAttempt anAttempt(String taskId) {
        return new RunningAttempt(aDispatch("noop").task(taskId).build(), Instant.now());
    }
}

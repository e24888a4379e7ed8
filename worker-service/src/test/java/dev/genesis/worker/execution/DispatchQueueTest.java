package dev.genesis.worker.execution;

import static dev.genesis.worker.testing.DispatchBuilder.aDispatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.genesis.common.events.TaskDispatched;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchQueueTest {

    private final DispatchQueue queue = new DispatchQueue();

    @Test
    void higherPriorityGoesFirst() throws InterruptedException {
        queue.offer(aDispatch("noop").task("low").priority(1).build());
        queue.offer(aDispatch("noop").task("high").priority(9).build());
        queue.offer(aDispatch("noop").task("mid").priority(5).build());

        assertThat(takeAll()).containsExactly("high", "mid", "low");
    }

    @Test
    void equalPrioritiesKeepArrivalOrder() throws InterruptedException {
        for (int i = 0; i < 20; i++) {
            queue.offer(aDispatch("noop").task("t" + i).priority(3).build());
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("t" + i);
        }
        assertThat(takeAll()).containsExactlyElementsOf(expected);
    }

    @Test
    void laterHighPriorityOvertakesWaitingLowerOnes() throws InterruptedException {
        queue.offer(aDispatch("noop").task("early").priority(0).build());
        queue.offer(aDispatch("noop").task("late-urgent").priority(10).build());

        assertThat(takeAll()).containsExactly("late-urgent", "early");
    }

    @Test
    void aCancelledAttemptIsRemovedAndOnlyThatOne() throws InterruptedException {
        TaskDispatched keep = aDispatch("noop").task("keep").build();
        TaskDispatched drop = aDispatch("noop").task("drop").build();
        queue.offer(keep);
        queue.offer(drop);

        assertThat(queue.remove(DispatchQueue.keyOf(drop))).contains(drop);
        assertThat(queue.remove(DispatchQueue.keyOf(drop))).isEmpty();
        assertThat(takeAll()).containsExactly("keep");
    }

    @Test
    void drainingReturnsEverythingInOrderAndEmptiesTheQueue() {
        queue.offer(aDispatch("noop").task("b").priority(1).build());
        queue.offer(aDispatch("noop").task("a").priority(2).build());

        assertThat(queue.drainAll()).extracting(TaskDispatched::taskId).containsExactly("a", "b");
        assertThat(queue.size()).isZero();
    }

    @Test
    void pollOnAnEmptyQueueReturnsNothingAfterTheWait() throws InterruptedException {
        assertThat(queue.poll(10)).isEmpty();
    }

    private List<String> takeAll() throws InterruptedException {
        List<String> ids = new ArrayList<>();
        while (queue.size() > 0) {
            ids.add(queue.poll(0).orElseThrow().taskId());
        }
        return ids;
    }
}

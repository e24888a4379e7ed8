package dev.genesis.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void namedThreadsAreDaemonsWithTheName() {
        Thread thread = DaemonThreads.named("genesis-test").newThread(() -> { });
        assertThat(thread.getName()).isEqualTo("genesis-test");
        assertThat(thread.isDaemon()).isTrue();
        assertThat(thread.isAlive()).as("made, not started").isFalse();
    }

    @Test
    void numberedThreadsCountFromOnePerFactory() {
        ThreadFactory first = DaemonThreads.numbered("genesis-task-");
        ThreadFactory second = DaemonThreads.numbered("genesis-task-");
        assertThat(first.newThread(() -> { }).getName()).isEqualTo("genesis-task-1");
        assertThat(first.newThread(() -> { }).getName()).isEqualTo("genesis-task-2");
        assertThat(second.newThread(() -> { }).getName()).isEqualTo("genesis-task-1");
        assertThat(second.newThread(() -> { }).isDaemon()).isTrue();
    }

    @Test
    void startRunsTheTaskOnADaemonThread() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        String[] seen = new String[1];
        Thread thread = DaemonThreads.start("genesis-started", () -> {
            seen[0] = Thread.currentThread().getName();
            ran.countDown();
        });
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
        thread.join(5_000);
        assertThat(seen[0]).isEqualTo("genesis-started");
        assertThat(thread.isDaemon()).isTrue();
    }
}

package dev.genesis.worker.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutorThreadsTest {

    private final ExecutorThreads threads = new ExecutorThreads();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void anIdleThreadRunsTheNextAttempt() throws Exception {
        for (int i = 0; i < 50; i++) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            threads.run(new RunningAttempt(null, Instant.now()), () -> done.complete(null));
            done.get(5, TimeUnit.SECONDS);
            waitIdle();
        }
        assertEquals(1, threads.threads(), "50 attempts one after another need one thread");
    }

    @Test
    void aHangingExecutorDoesNotKeepTheNextAttemptFromRunning() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        threads.run(new RunningAttempt(null, Instant.now()), () -> {
            while (never.getCount() > 0) {
                try {
                    never.await();
                } catch (InterruptedException ignored) {
                    // ignores interrupts on purpose
                }
            }
        });
        CompletableFuture<Void> second = new CompletableFuture<>();
        threads.run(new RunningAttempt(null, Instant.now()), () -> second.complete(null));
        second.get(5, TimeUnit.SECONDS);
        never.countDown();
    }

    @Test
    void aStopInterruptsTheRunningExecutor() throws Exception {
        RunningAttempt attempt = new RunningAttempt(null, Instant.now());
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        CountDownLatch running = new CountDownLatch(1);
        threads.run(attempt, () -> {
            running.countDown();
            try {
                Thread.sleep(10_000);
                interrupted.complete(false);
            } catch (InterruptedException e) {
                interrupted.complete(true);
            }
        });
        assertTrue(running.await(5, TimeUnit.SECONDS));
        attempt.stop("cancelled");
        assertTrue(interrupted.get(5, TimeUnit.SECONDS), "the stop interrupts the running executor");
    }

    @Test
    void aLateStopOfAnAttemptThatEndedDoesNotReachTheNextAttemptOnItsThread() throws Exception {
        RunningAttempt first = new RunningAttempt(null, Instant.now());
        CompletableFuture<Thread> firstThread = new CompletableFuture<>();
        threads.run(first, () -> firstThread.complete(Thread.currentThread()));
        firstThread.get(5, TimeUnit.SECONDS);
        waitIdle();

        CompletableFuture<Boolean> secondInterrupted = new CompletableFuture<>();
        CompletableFuture<Thread> secondThread = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        threads.run(new RunningAttempt(null, Instant.now()), () -> {
            secondThread.complete(Thread.currentThread());
            try {
                stopped.await();
                secondInterrupted.complete(Thread.currentThread().isInterrupted());
            } catch (InterruptedException e) {
                secondInterrupted.complete(true);
            }
        });
        assertEquals(firstThread.get(), secondThread.get(5, TimeUnit.SECONDS), "the idle thread was reused");
        // e.g. the slot's deadline fires just after the first executor returned
        assertTrue(first.stop("timeout"));
        stopped.countDown();
        assertFalse(secondInterrupted.get(5, TimeUnit.SECONDS), "the first attempt's stop interrupted the second");
    }

    /** The pool counts a thread busy until its task returns; wait for the completion to unwind. */
    private void waitIdle() throws InterruptedException {
        Thread.sleep(20);
    }
}

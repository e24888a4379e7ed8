package dev.genesis.common.concurrent;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads a service starts for itself: named, so that a thread dump and a per-thread CPU reading
 * say what each one does, and daemons, so that none of them holds the JVM up at shutdown (each
 * owner stops its own on the shutdown event).
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Every thread it makes is called {@code name} (for executors of one thread). */
    public static ThreadFactory named(String name) {
        return task -> daemon(task, name);
    }

    /** Its threads are called {@code prefix1}, {@code prefix2}, … in the order it makes them. */
    public static ThreadFactory numbered(String prefix) {
        AtomicInteger made = new AtomicInteger();
        return task -> daemon(task, prefix + made.incrementAndGet());
    }

    /** Starts {@code task} on a daemon thread called {@code name}. */
    public static Thread start(String name, Runnable task) {
        Thread thread = daemon(task, name);
        thread.start();
        return thread;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}

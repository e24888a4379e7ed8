package dev.genesis.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How much of the stack's CPU its JIT compilers take: the CPU of each process's threads named
 * {@code C1 CompilerThre…} / {@code C2 CompilerThre…} against all its threads, read from
 * {@code /proc/<pid>/task/<tid>/stat} (Linux, processes on this host). A JVM that has not run long
 * is still compiling what its work made hot; once the compilers go quiet it runs at its pace.
 */
public final class JitMeter {

    /** CPU clock ticks: all threads and the compiler threads, summed over the processes read. */
    public record Reading(long totalTicks, long compilerTicks) {

        /** The compilers' share of the CPU spent from {@code before} to this reading, 0..1. */
        public double compilerShareSince(Reading before) {
            long total = totalTicks - before.totalTicks;
            return total <= 0 ? 0 : Math.max(0, compilerTicks - before.compilerTicks) / (double) total;
        }
    }

    private JitMeter() {
    }

    /** The processes' threads as they are now; empty when none could be read (not Linux, not this host). */
    public static Optional<Reading> read(Collection<Long> pids) {
        long total = 0;
        long compiler = 0;
        boolean any = false;
        for (long pid : pids) {
            Path tasks = Path.of("/proc", String.valueOf(pid), "task");
            List<Path> threads;
            try (Stream<Path> list = Files.list(tasks)) {
                threads = list.toList();
            } catch (IOException | RuntimeException e) {
                continue; // gone, or no /proc here
            }
            for (Path thread : threads) {
                Optional<long[]> ticks = ticksOf(thread.resolve("stat"));
                if (ticks.isPresent()) {
                    any = true;
                    total += ticks.get()[0];
                    compiler += ticks.get()[1];
                }
            }
        }
        return any ? Optional.of(new Reading(total, compiler)) : Optional.empty();
    }

    /** {utime + stime, the same when the thread is a JIT compiler thread else 0} of one stat file. */
    static Optional<long[]> ticksOf(Path stat) {
        try {
            return parse(Files.readString(stat));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // the thread ended between the listing and the read
        }
    }

    /** Parses a {@code stat} line: {@code tid (comm) state ... utime stime ...} (fields 14 and 15). */
    static Optional<long[]> parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return Optional.empty();
        }
        String comm = line.substring(open + 1, close);
        String[] rest = line.substring(close + 2).trim().split(" ");
        if (rest.length < 13) {
            return Optional.empty();
        }
        long ticks = Long.parseLong(rest[11]) + Long.parseLong(rest[12]);
        boolean compilerThread = comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre");
        return Optional.of(new long[] {ticks, compilerThread ? ticks : 0});
    }
}

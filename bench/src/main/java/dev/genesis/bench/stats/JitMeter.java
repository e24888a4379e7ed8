package dev.genesis.bench.stats;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;

/**
 * How much of the stack's CPU its JIT compilers take: the CPU of each process's threads named
 * {@code C1 CompilerThre…} / {@code C2 CompilerThre…} against all its threads, read from
 * {@code /proc/<pid>/task/<tid>/stat} (Linux, processes on this host). A JVM that has not run long
 * is still compiling what its work made hot; once the compilers go quiet it runs at its pace.
 */
public final class JitMeter {

    /**
     * CPU clock ticks of the processes read (their own count, which keeps the time of threads that
     * ended) and of each of their compiler threads, by {@code pid/tid}.
     */
    public record Reading(long totalTicks, Map<String, Long> compilerThreads) {

        public Reading {
            compilerThreads = Map.copyOf(compilerThreads);
        }

        public long compilerTicks() {
            return compilerThreads.values().stream().mapToLong(Long::longValue).sum();
        }

        /**
         * The compilers' share of the CPU spent from {@code before} to this reading, 0..1; empty when
         * a compiler thread of {@code before} has ended since, because what it spent after that
         * reading is gone with it (HotSpot stops idle compiler threads and starts new ones, unless
         * {@code -XX:-UseDynamicNumberOfCompilerThreads}). A thread new since counts from zero.
         */
        public OptionalDouble compilerShareSince(Reading before) {
            if (!compilerThreads.keySet().containsAll(before.compilerThreads.keySet())) {
                return OptionalDouble.empty();
            }
            long total = totalTicks - before.totalTicks;
            long compiler = 0;
            for (Map.Entry<String, Long> thread : compilerThreads.entrySet()) {
                compiler += thread.getValue() - before.compilerThreads.getOrDefault(thread.getKey(), 0L);
            }
            return OptionalDouble.of(total <= 0 ? 0 : Math.max(0, compiler) / (double) total);
        }
    }

    private JitMeter() {
    }

    /** The processes and their compiler threads as they are now; empty when none could be read (not Linux, not this host). */
    public static Optional<Reading> read(Collection<Long> pids) {
        long total = 0;
        Map<String, Long> compilers = new HashMap<>();
        boolean any = false;
        for (long pid : pids) {
            Path proc = Path.of("/proc", String.valueOf(pid));
            Optional<long[]> process = ticksOf(proc.resolve("stat"));
            List<Path> threads;
            try (Stream<Path> list = Files.list(proc.resolve("task"))) {
                threads = list.toList();
            } catch (IOException | RuntimeException e) {
                continue; // gone, or no /proc here
            }
            if (process.isEmpty()) {
                continue;
            }
            any = true;
            total += process.get()[0];
            for (Path thread : threads) {
                Optional<long[]> ticks = ticksOf(thread.resolve("stat"));
                // A compiler thread that has not run yet is left out: it has nothing to count.
                if (ticks.isPresent() && ticks.get()[1] > 0) {
                    compilers.put(pid + "/" + thread.getFileName(), ticks.get()[1]);
                }
            }
        }
        return any ? Optional.of(new Reading(total, compilers)) : Optional.empty();
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

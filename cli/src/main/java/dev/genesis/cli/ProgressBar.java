package dev.genesis.cli;

import java.time.Duration;

/** One line that shows how far a run is: a bar, counts per state and the time so far. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    static String render(RunView run, Duration elapsed) {
        return render(RunProgress.of(run), run, elapsed);
    }

    /**
     * The bar and the finished count from {@code progress}; the counts per state from {@code
     * breakdown}, a full read of the run that may be older (the CLI reads it less often).
     */
    static String render(RunProgress progress, RunView breakdown, Duration elapsed) {
        int total = progress.taskCount();
        long done = progress.finishedTasks();
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        StringBuilder bar = new StringBuilder("[");
        bar.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        bar.append(String.format("%3d%% %d/%d", total == 0 ? 100 : done * 100 / total, done, total));
        bar.append(String.format("  ok %d  running %d  waiting %d  failed %d  skipped %d",
                breakdown.count("SUCCEEDED"), breakdown.count("RUNNING") + breakdown.count("DISPATCHED"),
                breakdown.count("PENDING") + breakdown.count("READY"), breakdown.count("FAILED"),
                breakdown.count("SKIPPED")));
        bar.append(String.format("  %.1fs", elapsed.toMillis() / 1000.0));
        return bar.toString();
    }
}

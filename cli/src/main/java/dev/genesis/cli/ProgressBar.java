package dev.genesis.cli;

import java.time.Duration;

/** One line that shows how far a run is: a bar, counts per state and the time so far. */
final class ProgressBar {

    private static final int WIDTH = 30;

    private ProgressBar() {
    }

    static String render(RunView run, Duration elapsed) {
        int total = run.tasks().size();
        long done = run.terminalCount();
        int filled = total == 0 ? WIDTH : (int) (done * WIDTH / total);
        StringBuilder bar = new StringBuilder("[");
        bar.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
        bar.append(String.format("%3d%% %d/%d", total == 0 ? 100 : done * 100 / total, done, total));
        bar.append(String.format("  ok %d  running %d  waiting %d  failed %d  skipped %d",
                run.count("SUCCEEDED"), run.count("RUNNING") + run.count("DISPATCHED"),
                run.count("PENDING") + run.count("READY"), run.count("FAILED"), run.count("SKIPPED")));
        bar.append(String.format("  %.1fs", elapsed.toMillis() / 1000.0));
        return bar.toString();
    }
}

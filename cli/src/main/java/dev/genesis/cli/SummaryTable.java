package dev.genesis.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** The final table of a watched run: one line per task, times relative to the first start. */
final class SummaryTable {

    private static final int MAX_ROWS = 60;

    private SummaryTable() {
    }

    static void print(RunView run, PrintStream out) {
        Instant origin = run.tasks().stream().map(RunView.TaskView::startedAt).filter(s -> s != null)
                .min(Instant::compareTo).orElse(run.createdAt());
        out.printf("%-28s %-10s %7s %-26s %9s %9s  %s%n", "TASK", "STATE", "ATTEMPT", "WORKER", "START", "TIME", "ERROR");
        int shown = 0;
        for (RunView.TaskView t : run.tasks()) {
            if (shown++ == MAX_ROWS) {
                out.printf("... and %d more tasks%n", run.tasks().size() - MAX_ROWS);
                break;
            }
            out.printf("%-28s %-10s %7d %-26s %9s %9s  %s%n", clip(t.id(), 28), t.state(), t.attempt(),
                    clip(t.worker() == null ? "-" : t.worker(), 26), seconds(origin, t.startedAt()),
                    t.duration() == null ? "-" : String.format("%.2fs", t.duration().toMillis() / 1000.0),
                    t.error() == null ? "" : clip(t.error(), 60));
        }
    }

    private static String seconds(Instant origin, Instant at) {
        return at == null || origin == null ? "-" : String.format("+%.2fs", Duration.between(origin, at).toMillis() / 1000.0);
    }

    private static String clip(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }
}

package dev.genesis.dashboard.board;

import dev.genesis.common.state.RunState;
import java.util.Map;

/**
 * Totals for the page header.
 *
 * @param tasksPerSecond tasks that finished (succeeded or failed) per second over the last 10 s
 */
public record Stats(int runs, Map<RunState, Integer> runsByState, double tasksPerSecond, int runningTasks,
        int workers, int busySlots, int totalSlots) {
}

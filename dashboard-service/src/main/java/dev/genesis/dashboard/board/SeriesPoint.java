package dev.genesis.dashboard.board;

import java.time.Instant;

/**
 * One second of cluster activity.
 *
 * @param at the start of the second
 * @param finished tasks that finished (succeeded or failed) in that second, by their finish time
 * @param started task starts in that second that carry a dispatch latency sample
 * @param latencyP50Ms median dispatch latency of those starts; null when there were none
 * @param latencyP99Ms 99th percentile (nearest rank) of the same samples
 */
public record SeriesPoint(Instant at, int finished, int started, Double latencyP50Ms, Double latencyP99Ms) {
}

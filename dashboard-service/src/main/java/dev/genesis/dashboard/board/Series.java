package dev.genesis.dashboard.board;

import java.time.Instant;
import java.util.List;

/**
 * Throughput and dispatch latency per second over the last {@code windowSeconds}, oldest first,
 * one point per second (seconds without activity are zero points).
 *
 * @param at the dashboard's time when the series was read
 */
public record Series(int bucketSeconds, int windowSeconds, Instant at, List<SeriesPoint> points) {
}

package dev.genesis.queue.store;

import java.util.List;

/** A page of runs, newest first. */
public record RunPage(List<RunSummary> items, int page, int size, long total) {
}

package dev.genesis.bench.api;

import java.util.List;

/** A page of {@code GET /api/runs}. */
public record RunPageView(List<RunSummaryView> items, int page, int size, long total) {

    public RunPageView {
        items = items == null ? List.of() : items;
    }
}

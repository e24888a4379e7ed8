package dev.genesis.common.spec;

import java.util.Set;

/**
 * What a deployment accepts beyond the spec's own rules.
 *
 * @param maxTasks the largest run, in tasks
 * @param extraKinds kinds that workers load through the SPI; their parameters are theirs to check
 */
public record SpecLimits(int maxTasks, Set<String> extraKinds) {

    public static final SpecLimits DEFAULT = new SpecLimits(100_000, Set.of());

    public static final int MAX_PRIORITY = 1_000_000;
    public static final long MAX_TIMEOUT_MS = 7L * 24 * 3_600_000L;
    public static final int MAX_ATTEMPTS = 100;
    public static final long MAX_BACKOFF_MS = 24L * 3_600_000L;

    public boolean knows(String kind) {
        return BuiltInKinds.NAMES.contains(kind) || extraKinds.contains(kind);
    }
}

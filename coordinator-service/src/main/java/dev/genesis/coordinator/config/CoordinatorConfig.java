package dev.genesis.coordinator.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the coordinator, under {@code genesis.coordinator}. */
@ConfigMapping(prefix = "genesis.coordinator")
public interface CoordinatorConfig {

    /** A worker silent for this long is declared dead and its leases are released. */
    @WithDefault("5s")
    Duration deadAfter();

    /** The longest lease a caller may ask for, so that a forgotten lease cannot block a path for hours. */
    @WithDefault("10m")
    Duration maxLease();

    /** The longest a caller may ask to wait for its locks, so that requests do not pile up. */
    @WithDefault("2m")
    Duration maxWait();

    /** The most bytes an imported zip may unpack to, so that a small archive cannot fill the database. */
    @WithDefault("268435456")
    long maxImportBytes();

    /**
     * How many paths may keep a fencing mark in Redis before the marks older than every live lease
     * are trimmed to a floor (checked every {@code fence-trim-every}); 0 trims on every check.
     */
    @WithDefault("10000")
    long fencePaths();

    /** How often the fence hash's size is checked, and trimmed when over {@code fence-paths}. */
    @WithDefault("60s")
    Duration fenceTrimEvery();

    /** Replication factor for topics this service creates at start (1 on a single broker). */
    @WithDefault("1")
    short replicationFactor();
}

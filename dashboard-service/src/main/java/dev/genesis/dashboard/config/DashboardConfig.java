package dev.genesis.dashboard.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Settings of the dashboard, under {@code genesis.dashboard}. */
@ConfigMapping(prefix = "genesis.dashboard")
public interface DashboardConfig {

    /** Base URL of queue-service, whose REST API seeds the board at start and fills in unknown runs. */
    @WithDefault("http://localhost:8081")
    String queueUrl();

    /** Base URL of coordinator-service, whose locks and conflicts the board shows. */
    @WithDefault("http://localhost:8082")
    String coordinatorUrl();

    /** How often the locks and conflicts are read from the coordinator. */
    @WithDefault("1s")
    Duration coordinatorPoll();

    /** Connect and read timeout of one call to the coordinator. */
    @WithDefault("2s")
    Duration coordinatorTimeout();

    /** How many of the newest conflicts the board shows. */
    @WithDefault("50")
    int conflictsShown();

    /** How many runs the board keeps in memory; the oldest are forgotten first. */
    @WithDefault("200")
    int maxRuns();

    /** How many of the newest runs are loaded from queue-service at start. */
    @WithDefault("50")
    int bootstrapRuns();

    /** How often loading from queue-service is tried again while it is unreachable. */
    @WithDefault("5s")
    Duration bootstrapRetry();

    /** Connect and read timeout of one call to queue-service. */
    @WithDefault("3s")
    Duration queueTimeout();

    /** How often the changes since the last batch go out to the live stream (bounds the page's update lag). */
    @WithDefault("100ms")
    Duration streamInterval();

    /** A worker without a heartbeat for this long is shown as LATE. */
    @WithDefault("3s")
    Duration workerLateAfter();

    /** A worker not heard from for this long (dead, stopped or silent) is dropped from the board. */
    @WithDefault("10m")
    Duration workerForgetAfter();

    /** Replication factor of the Genesis topics when this service has to create them. */
    @WithDefault("1")
    short topicReplicationFactor();
}

package dev.genesis.dashboard.board;

import dev.genesis.dashboard.config.DashboardConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** Makes the one {@link Board} of this process from the configuration. */
public class BoardProducer {

    @Produces
    @Singleton
    Board board(DashboardConfig config) {
        return new Board(Clock.systemUTC(), config.maxRuns(), config.workerLateAfter(), config.workerForgetAfter());
    }
}

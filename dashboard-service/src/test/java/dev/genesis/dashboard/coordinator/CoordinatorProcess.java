package dev.genesis.dashboard.coordinator;

import dev.genesis.common.testing.GenesisTestServices;
import dev.genesis.common.testing.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The real Kafka, PostgreSQL and Redis of {@link GenesisTestServices}, plus a real coordinator-service
 * process on them (its packaged {@code target/quarkus-app}, on a free port, the {@code test} database
 * and Redis database 1), with the dashboard pointed at it.
 */
public class CoordinatorProcess extends GenesisTestServices {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private ServiceProcess coordinator;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Map<String, String> env = new HashMap<>();
        env.put("GENESIS_KAFKA_BOOTSTRAP", config.get("kafka.bootstrap.servers"));
        env.put("GENESIS_DB_HOST", config.get("genesis.db.host"));
        env.put("GENESIS_DB_PORT", config.get("genesis.db.port"));
        env.put("GENESIS_DB_NAME", config.get("genesis.db.name"));
        env.put("GENESIS_DB_USER", config.get("quarkus.datasource.username"));
        env.put("GENESIS_DB_PASSWORD", config.get("quarkus.datasource.password"));
        env.put("GENESIS_REDIS_URL", config.get("genesis.redis.url"));
        env.put("GENESIS_REDIS_DATABASE", config.get("genesis.redis.database"));
        try {
            coordinator = ServiceProcess.start("coordinator-for-tests", "coordinator-service", freePort(), env,
                    ServiceProcess.repositoryRoot().resolve("dashboard-service/target"));
            coordinator.awaitReady(READY_WITHIN);
            config.put("genesis.dashboard.coordinator-url", coordinator.url());
            return config;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new IllegalStateException("coordinator-service did not start: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (coordinator != null) {
            try {
                coordinator.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        super.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package dev.genesis.common.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * The one test resource for real Kafka, PostgreSQL and Redis. Where a Docker daemon answers it
 * starts them with Testcontainers; otherwise it uses the local services, or the URLs given by
 * {@code GENESIS_KAFKA_BOOTSTRAP}, {@code GENESIS_DB_HOST}/{@code _PORT}/{@code _NAME}/{@code _USER}
 * and {@code GENESIS_REDIS_URL}. Tests use the {@code test} database and Redis database 1, away
 * from a stack started with {@code ./genesis up}.
 */
public class GenesisTestServices implements QuarkusTestResourceLifecycleManager {

    private static final String KAFKA_IMAGE = "apache/kafka:4.1.2";
    private static final String POSTGRES_IMAGE = "postgres:16-alpine";
    private static final String REDIS_IMAGE = "redis:7-alpine";

    private KafkaContainer kafka;
    private PostgreSQLContainer postgres;
    private GenericContainer<?> redis;

    @Override
    public Map<String, String> start() {
        return dockerAvailable() ? startContainers() : localServices();
    }

    private static boolean dockerAvailable() {
        if ("false".equalsIgnoreCase(System.getenv("GENESIS_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException e) {
            return false;
        }
    }

    private Map<String, String> startContainers() {
        kafka = new KafkaContainer(KAFKA_IMAGE);
        postgres = new PostgreSQLContainer(POSTGRES_IMAGE).withDatabaseName("test");
        redis = new GenericContainer<>(REDIS_IMAGE).withExposedPorts(6379);
        kafka.start();
        postgres.start();
        redis.start();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.getBootstrapServers());
        config.put("genesis.db.host", postgres.getHost());
        config.put("genesis.db.port", String.valueOf(postgres.getMappedPort(5432)));
        config.put("genesis.db.name", "test");
        config.put("quarkus.datasource.username", postgres.getUsername());
        config.put("quarkus.datasource.password", postgres.getPassword());
        config.put("genesis.redis.url", "redis://" + redis.getHost() + ":" + redis.getMappedPort(6379));
        config.put("genesis.redis.database", "1");
        return config;
    }

    private static Map<String, String> localServices() {
        String bootstrap = env("GENESIS_KAFKA_BOOTSTRAP", "localhost:9092");
        String dbHost = env("GENESIS_DB_HOST", "127.0.0.1");
        String dbPort = env("GENESIS_DB_PORT", "5432");
        String redisUrl = env("GENESIS_REDIS_URL", "redis://127.0.0.1:6379");
        requireReachable("Kafka", bootstrap.split(",")[0],
                "start one with './genesis kafka start' (the README's test command './genesis test' does it)");
        requireReachable("PostgreSQL", dbHost + ":" + dbPort, "start it, e.g. 'pg_ctlcluster 15 main start'");
        URI redis = URI.create(redisUrl);
        requireReachable("Redis", redis.getHost() + ":" + redis.getPort(), "start it, e.g. 'redis-server --daemonize yes'");
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("genesis.db.host", dbHost);
        config.put("genesis.db.port", dbPort);
        config.put("genesis.db.name", env("GENESIS_DB_NAME", "test"));
        config.put("quarkus.datasource.username", env("GENESIS_DB_USER", "postgres"));
        config.put("quarkus.datasource.password", env("GENESIS_DB_PASSWORD", ""));
        config.put("genesis.redis.url", redisUrl);
        config.put("genesis.redis.database", "1");
        return config;
    }

    private static void requireReachable(String what, String hostPort, String hint) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException("No " + what + " at " + hostPort + " and no Docker daemon for Testcontainers: "
                    + hint, e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void stop() {
        if (kafka != null) {
            kafka.stop();
        }
        if (postgres != null) {
            postgres.stop();
        }
        if (redis != null) {
            redis.stop();
        }
    }
}

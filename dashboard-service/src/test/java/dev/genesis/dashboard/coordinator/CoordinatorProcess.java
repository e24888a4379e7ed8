package dev.genesis.dashboard.coordinator;

import dev.genesis.common.testing.GenesisTestServices;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real Kafka, PostgreSQL and Redis of {@link GenesisTestServices}, plus a real coordinator-service
 * process on them (its packaged {@code target/quarkus-app}, on a free port, the {@code test} database
 * and Redis database 1), with the dashboard pointed at it.
 */
public class CoordinatorProcess extends GenesisTestServices {

    private static final Duration READY_WITHIN = Duration.ofSeconds(120);

    private Process process;
    private Path log;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        Path root = repositoryRoot();
        Path jar = root.resolve("coordinator-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build with -am (this module's pom builds the"
                    + " coordinator first)");
        }
        int port = freePort();
        log = root.resolve("dashboard-service/target/coordinator-for-tests.log");
        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("HTTP_PORT", String.valueOf(port));
        env.put("GENESIS_KAFKA_BOOTSTRAP", config.get("kafka.bootstrap.servers"));
        env.put("GENESIS_DB_HOST", config.get("genesis.db.host"));
        env.put("GENESIS_DB_PORT", config.get("genesis.db.port"));
        env.put("GENESIS_DB_NAME", config.get("genesis.db.name"));
        env.put("GENESIS_DB_USER", config.get("quarkus.datasource.username"));
        env.put("GENESIS_DB_PASSWORD", config.get("quarkus.datasource.password"));
        env.put("GENESIS_REDIS_URL", config.get("genesis.redis.url"));
        env.put("GENESIS_REDIS_DATABASE", config.get("genesis.redis.database"));
        try {
            process = builder.start();
            String url = "http://127.0.0.1:" + port;
            awaitReady(url);
            config.put("genesis.dashboard.coordinator-url", url);
            return config;
        } catch (IOException | RuntimeException e) {
            stop();
            throw new IllegalStateException("coordinator-service did not start: " + e.getMessage() + "\n" + tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
        super.stop();
    }

    private void awaitReady(String url) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("it exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("not ready within " + READY_WITHIN);
    }

    private String tail() {
        try {
            List<String> lines = log == null || !Files.exists(log) ? List.of() : Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("coordinator-service"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root from " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}

package dev.genesis.common.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Genesis service started as a real process from its packaged Quarkus application, on a fixed
 * port. A test may kill it ({@code SIGKILL}), terminate it ({@code SIGTERM}), wait for it to exit
 * and start it again on the same port; its output goes to {@code <logs>/<name>.log}. The e2e suite
 * runs the whole stack this way, the dashboard's tests a coordinator.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final String module;
    private final int port;
    private final Map<String, String> env;
    private final Path log;
    private Process process;

    private ServiceProcess(String name, String module, int port, Map<String, String> env, Path log) {
        this.name = name;
        this.module = module;
        this.port = port;
        this.env = Map.copyOf(env);
        this.log = log;
    }

    /**
     * Starts {@code <module>/target/quarkus-app/quarkus-run.jar} on {@code port} with the given
     * environment, on a fresh log in {@code logs}; does not wait for it to be ready.
     */
    public static ServiceProcess start(String name, String module, int port, Map<String, String> env, Path logs)
            throws IOException {
        Files.createDirectories(logs);
        ServiceProcess service = new ServiceProcess(name, module, port, env, logs.resolve(name + ".log"));
        service.launch(ProcessBuilder.Redirect.to(service.log.toFile()));
        return service;
    }

    /** Starts the same service again on the same port after it ended; the log goes on in the same file. */
    public void restart() throws IOException {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " still runs (pid " + process.pid() + ")");
        }
        launch(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }

    private void launch(ProcessBuilder.Redirect output) throws IOException {
        Path jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package the services first "
                    + "(./mvnw -B -q -pl queue-service,worker-service,coordinator-service,dashboard-service -am package -DskipTests)");
        }
        ProcessBuilder builder = new ProcessBuilder(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", jar.toString()))
                .redirectErrorStream(true)
                .redirectOutput(output);
        builder.environment().putAll(env);
        builder.environment().put("HTTP_PORT", String.valueOf(port));
        process = builder.start();
    }

    /** The folder that holds the {@code genesis} launcher, found upwards from the working directory. */
    public static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("genesis"))) {
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

    public String name() {
        return name;
    }

    public String url() {
        return "http://localhost:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits until {@code /q/health/ready} answers 200; fails with the log's tail if the process dies or is slow. */
    public void awaitReady(Duration timeout) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during start:\n" + tail());
            }
            if (ready()) {
                return;
            }
            // a start-up poll, not a wait for a test result
            Thread.sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + ":\n" + tail());
    }

    private boolean ready() throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    /** The last 40 lines of the log. */
    public String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** {@code kill -9}: no shutdown hook runs, nothing is said to anyone; returns once the process is gone. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** {@code kill -TERM}: asks for an orderly stop and returns at once. */
    public void terminate() {
        process.destroy();
    }

    /** True when the process ended within {@code timeout}. */
    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** SIGTERM, then SIGKILL if the orderly stop (a worker's drain included) takes longer than 50 s. */
    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            terminate();
            if (!awaitExit(Duration.ofSeconds(50))) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}

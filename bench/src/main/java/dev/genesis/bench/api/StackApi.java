package dev.genesis.bench.api;

import static dev.genesis.bench.api.HttpCalls.abbreviate;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.genesis.common.json.Json;
import dev.genesis.common.spec.RunSpec;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Everything the benchmark assumes about a running stack, in one place:
 * <ul>
 * <li>queue-service: {@code POST /api/runs} (spec JSON) → 201 with {@code {"id",...}};
 * {@code GET /api/runs/{id}} → {@link RunView}; {@code GET /api/runs/{id}/progress} → {@link
 * RunProgressView}; {@code GET /api/runs?state=RUNNING} → a page of {@link RunSummaryView};
 * {@code POST /api/runs/{id}/cancel} → 200, or 409 once finished.</li>
 * <li>coordinator: {@code GET /api/workers} → a JSON array of {@link WorkerView}; its workspace, lock and
 * snapshot API (the workspace suite's) is {@link WorkspaceApi}'s.</li>
 * <li>{@code <root>/genesis scale N} starts or stops worker processes and exits 0 once N report.</li>
 * <li>worker processes have pid files {@code $GENESIS_HOME/run/worker-*.pid} (GENESIS_HOME
 * defaults to {@code <root>/.genesis}); worker ids look like {@code <host>-<pid>-<hex>}.</li>
 * </ul>
 */
public final class StackApi {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int RUNNING_PAGE = 200;
    private static final int CANCEL_ATTEMPTS = 8;
    /** A little longer than the workers' 1 s heartbeat, so two polls see two heartbeats. */
    private static final Duration SETTLE_POLL = Duration.ofMillis(1200);

    private final URI queue;
    private final URI coordinator;
    private final Path root;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = Json.mapper();

    public StackApi(URI queue, URI coordinator, Path root) {
        this.queue = queue;
        this.coordinator = coordinator;
        this.root = root;
    }

    /** Submits a run and returns its id. */
    public String submit(RunSpec spec) {
        try {
            HttpRequest request = HttpRequest.newBuilder(queue.resolve("/api/runs"))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .header("Prefer", "return=minimal") // the id is all it needs: not every task serialized back
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(spec)))
                    .build();
            HttpResponse<String> response = send(request);
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new StackException("POST /api/runs (" + spec.name() + ") answered " + response.statusCode() + ": "
                        + abbreviate(response.body()));
            }
            JsonNode body = json.readTree(response.body());
            String id = body.path("id").asText(null);
            if (id == null) {
                throw new StackException("POST /api/runs answered without an id: " + abbreviate(response.body()));
            }
            return id;
        } catch (IOException e) {
            throw new StackException("could not encode or read run " + spec.name(), e);
        }
    }

    public RunView run(String runId) {
        return getFromQueue("/api/runs/" + runId, new TypeReference<RunView>() { });
    }

    /**
     * The run's state and finished-task count ({@code GET /api/runs/{id}/progress}): one row read
     * by the queue, the poll that loads the stack being measured least.
     */
    public RunProgressView progress(String runId) {
        return getFromQueue("/api/runs/" + runId + "/progress", new TypeReference<RunProgressView>() { });
    }

    /**
     * The RUNNING runs with their task counts per state ({@code GET /api/runs?state=RUNNING}),
     * which the queue counts over every task of each run.
     */
    public List<RunSummaryView> runningRuns() {
        return getFromQueue("/api/runs?state=RUNNING&size=" + RUNNING_PAGE, new TypeReference<RunPageView>() { })
                .items();
    }

    /** {@code GET path} on queue-service, read as {@code type}; anything but 200 throws, naming the answer. */
    private <T> T getFromQueue(String path, TypeReference<T> type) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(queue.resolve(path)).timeout(REQUEST_TIMEOUT)
                .GET().build());
        if (response.statusCode() != 200) {
            throw new StackException("GET " + path + " answered " + response.statusCode() + ": "
                    + abbreviate(response.body()));
        }
        return read(response.body(), type);
    }

    /**
     * Cancels a run and waits until it has left RUNNING, so that what is left of it neither
     * holds slots nor loads the stack while the next measurement runs. A failed cancel (the
     * queue may answer 5xx under load) is retried.
     *
     * @return true when the run is no longer RUNNING within {@code wait}
     */
    public boolean cancelAndAwait(String runId, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        int attempt = 0;
        while (true) {
            Integer status = postCancel(runId);
            // 200: cancel requested; 409: already finished; 404: unknown. Anything else: try again.
            if (status != null && (status == 200 || status == 409 || status == 404)) {
                break;
            }
            if (++attempt >= CANCEL_ATTEMPTS || System.nanoTime() > deadline) {
                System.err.println("bench: cancelling run " + runId + " failed " + attempt + " time(s) (last answer "
                        + status + ")");
                break;
            }
            LockSupport.parkNanos(Duration.ofMillis(250L * attempt).toNanos());
        }
        while (System.nanoTime() < deadline) {
            try {
                if (!progress(runId).isRunning()) {
                    return true;
                }
            } catch (StackException e) {
                System.err.println("bench: " + e.getMessage());
            }
            LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
        }
        return false;
    }

    private Integer postCancel(String runId) {
        try {
            return send(HttpRequest.newBuilder(queue.resolve("/api/runs/" + runId + "/cancel"))
                    .timeout(REQUEST_TIMEOUT).header("Prefer", "return=minimal")
                    .POST(HttpRequest.BodyPublishers.noBody()).build()).statusCode();
        } catch (StackException e) {
            System.err.println("bench: could not cancel run " + runId + ": " + e.getMessage());
            return null;
        }
    }

    public List<WorkerView> workers() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(coordinator.resolve("/api/workers"))
                .timeout(REQUEST_TIMEOUT).GET().build());
        if (response.statusCode() != 200) {
            throw new StackException("GET /api/workers answered " + response.statusCode());
        }
        return read(response.body(), new TypeReference<List<WorkerView>>() { });
    }

    /** Slots of the ALIVE workers: the capacity the lower bound assumes. */
    public int aliveSlots() {
        return workers().stream().filter(WorkerView::isAlive).mapToInt(WorkerView::slots).sum();
    }

    public long aliveWorkers() {
        return workers().stream().filter(WorkerView::isAlive).count();
    }

    /** Runs {@code genesis scale N} and waits for it (it exits once N workers report). */
    public void scale(int workers, Duration timeout) {
        awaitScale(startScale(workers), workers, timeout);
    }

    /** Starts {@code genesis scale N} without waiting; {@link #awaitScale} waits for it. */
    public Process startScale(int workers) {
        ProcessBuilder pb = new ProcessBuilder(root.resolve("genesis").toString(), "scale", Integer.toString(workers))
                .directory(root.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new StackException("could not run genesis scale " + workers, e);
        }
    }

    public void awaitScale(Process p, int workers, Duration timeout) {
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroy();
                throw new StackException("genesis scale " + workers + " did not finish within " + timeout);
            }
            if (p.exitValue() != 0) {
                throw new StackException("genesis scale " + workers + " exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while scaling", e);
        }
    }

    /**
     * Waits until the workers' consumer group has settled ({@link #settled}) in two heartbeats in
     * a row. Until then the queue
     * sees workers without partitions as not accepting and dispatches nothing to them, and a
     * worker killed mid-rebalance holds the whole group until its Kafka session expires.
     *
     * @return false when the group did not settle within {@code timeout}
     */
    public boolean awaitSettled(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int settledPolls = 0;
        while (System.nanoTime() < deadline) {
            settledPolls = settled(workers()) ? settledPolls + 1 : 0;
            if (settledPolls >= 2) {
                return true;
            }
            LockSupport.parkNanos(SETTLE_POLL.toNanos());
        }
        return false;
    }

    /**
     * Every ALIVE worker owns at least one partition, none is owned twice, and together they own
     * every partition any listed worker ever reported: a dead worker's partitions stay orphaned
     * (and a rebalance pending) until its Kafka session expires.
     */
    public static boolean settled(List<WorkerView> workers) {
        java.util.Set<Integer> known = new java.util.HashSet<>();
        workers.forEach(w -> known.addAll(w.partitions()));
        java.util.Set<Integer> owned = new java.util.HashSet<>();
        boolean anyAlive = false;
        for (WorkerView w : workers) {
            if (!w.isAlive()) {
                continue;
            }
            anyAlive = true;
            if (w.partitions().isEmpty()) {
                return false;
            }
            for (Integer p : w.partitions()) {
                if (!owned.add(p)) {
                    return false;
                }
            }
        }
        return anyAlive && owned.containsAll(known);
    }

    /**
     * The pid of the worker process with this id, but only if a {@code worker-*.pid} file of
     * this stack names it: the benchmark never signals a process it did not find there.
     */
    public OptionalLong workerPid(String workerId) {
        OptionalLong fromId = pidInWorkerId(workerId);
        if (fromId.isEmpty()) {
            return fromId;
        }
        Path runDir = genesisHome().resolve("run");
        try (Stream<Path> files = Files.list(runDir)) {
            boolean known = files.filter(f -> f.getFileName().toString().matches("worker-\\d+\\.pid"))
                    .anyMatch(f -> readPid(f) == fromId.getAsLong());
            return known ? fromId : OptionalLong.empty();
        } catch (IOException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The stack's processes started by {@code ./genesis}: service name (coordinator, queue,
     * dashboard, worker-N, kafka) to pid, from the pid files of this stack's GENESIS_HOME.
     */
    public Map<String, Long> stackProcesses() {
        Map<String, Long> pids = new TreeMap<>();
        try (Stream<Path> files = Files.list(genesisHome().resolve("run"))) {
            files.filter(f -> f.getFileName().toString().endsWith(".pid")).forEach(f ->
                    pids.put(f.getFileName().toString().replace(".pid", ""), readPid(f)));
        } catch (IOException e) {
            // no stack started by ./genesis here: nothing to account
        }
        Path kafka = genesisHome().resolve("kafka/kafka.pid");
        if (Files.exists(kafka)) {
            pids.put("kafka", readPid(kafka));
        }
        pids.values().removeIf(pid -> pid <= 0);
        return pids;
    }

    /** {@code <host>-<pid>-<hex>}: the pid is the second field from the end (hosts may hold dashes). */
    public static OptionalLong pidInWorkerId(String workerId) {
        if (workerId == null) {
            return OptionalLong.empty();
        }
        String[] parts = workerId.split("-");
        if (parts.length < 3) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(parts[parts.length - 2]));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private Path genesisHome() {
        String env = System.getenv("GENESIS_HOME");
        return env == null || env.isBlank() ? root.resolve(".genesis") : Path.of(env);
    }

    private static long readPid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).trim());
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        return HttpCalls.send(http, request);
    }

    private <T> T read(String body, TypeReference<T> type) {
        try {
            return json.readValue(body, type);
        } catch (IOException e) {
            throw new StackException("unexpected answer: " + abbreviate(body), e);
        }
    }
}

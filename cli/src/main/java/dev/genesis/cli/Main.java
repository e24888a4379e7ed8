package dev.genesis.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The Java half of {@code ./genesis}: {@code submit FILE [--watch] [--summary]},
 * {@code watch ID [--summary]}, {@code runs [--state S]}, {@code cancel ID}, {@code retry ID},
 * {@code delete ID}.
 * Exit codes: 0 ok, 1 the run did not succeed, 2 rejected or bad usage, 3 unreachable.
 */
public final class Main {

    /** How often {@code watch} reads the whole run for its counts per state. */
    private static final long FULL_READ_INTERVAL_NANOS = 1_000_000_000L;

    private final PrintStream out = System.out;
    private final QueueClient queue;
    private final boolean interactive = System.console() != null;

    private Main(String queueUrl) {
        this.queue = new QueueClient(queueUrl);
    }

    public static void main(String[] args) {
        Deque<String> rest = new ArrayDeque<>(List.of(args));
        String queueUrl = env("GENESIS_QUEUE_URL", "http://localhost:8081");
        System.exit(new Main(queueUrl).run(rest));
    }

    private int run(Deque<String> args) {
        String command = args.isEmpty() ? "help" : args.pop();
        try {
            return switch (command) {
                case "submit" -> submit(args);
                case "watch" -> watch(required(args, "a run id"), args.contains("--summary"));
                case "runs" -> runs(args.contains("--state") ? after(args, "--state") : null);
                case "cancel" -> simple("/api/runs/" + required(args, "a run id") + "/cancel");
                case "retry" -> simple("/api/runs/" + required(args, "a run id") + "/retry");
                case "delete" -> delete(required(args, "a run id"));
                default -> usage();
            };
        } catch (QueueClient.ApiException e) {
            printProblem(e);
            return 2;
        } catch (IOException e) {
            System.err.println("genesis: " + e.getMessage());
            return 3;
        } catch (IllegalArgumentException e) {
            System.err.println("genesis: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private int submit(Deque<String> args) throws IOException, QueueClient.ApiException, InterruptedException {
        Path file = Path.of(required(args, "a run spec file (JSON or YAML)"));
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("cannot read " + file);
        }
        String name = file.getFileName().toString().toLowerCase();
        String type = name.endsWith(".yaml") || name.endsWith(".yml") ? "application/yaml" : "application/json";
        JsonNode created = queue.submit(Files.readAllBytes(file), type);
        String id = created.path("id").asText();
        out.println("submitted run " + id + " (" + created.path("taskCount").asInt() + " tasks)");
        return args.contains("--watch") ? watch(id, args.contains("--summary")) : 0;
    }

    /**
     * Draws the run's progress until it ends, then its tasks. The bar polls the run's progress (its
     * row) every 100 ms; the counts per state come from a full read of the run, which costs the
     * queue every task row, at most once a second, and once more at the end.
     */
    private int watch(String id, boolean summary) throws IOException, QueueClient.ApiException, InterruptedException {
        Instant start = Instant.now();
        RunView run = queue.run(id);
        RunProgress progress = RunProgress.of(run);
        long lastFullRead = System.nanoTime();
        String lastLine = "";
        long lastPrint = 0;
        while (true) {
            String line = ProgressBar.render(progress, run, Duration.between(start, Instant.now()));
            if (interactive) {
                out.print("\r" + line);
            } else if (!line.equals(lastLine) && System.currentTimeMillis() - lastPrint > 1_000 || run.isFinished()) {
                out.println(line);
                lastPrint = System.currentTimeMillis();
            }
            lastLine = line;
            if (run.isFinished()) {
                break;
            }
            Thread.sleep(100);
            progress = queue.progress(id);
            if (progress.isFinished() || System.nanoTime() - lastFullRead >= FULL_READ_INTERVAL_NANOS) {
                run = queue.run(id);
                progress = RunProgress.of(run);
                lastFullRead = System.nanoTime();
            }
        }
        if (interactive) {
            out.println();
        }
        SummaryTable.print(run, out);
        if (summary) {
            out.printf("makespan    %8.2f s%n", run.makespan().toMillis() / 1000.0);
            out.printf("serial sum  %8.2f s%n", run.serialSum().toMillis() / 1000.0);
            out.printf("speed-up    %8.2f x%n", run.speedUp());
        }
        out.println("run " + run.id() + " " + run.state());
        return "SUCCEEDED".equals(run.state()) ? 0 : 1;
    }

    private int runs(String state) throws IOException, QueueClient.ApiException {
        JsonNode page = queue.runs(state);
        out.printf("%-36s  %-10s  %6s  %-24s  %s%n", "ID", "STATE", "TASKS", "CREATED", "NAME");
        for (JsonNode run : page.path("items")) {
            out.printf("%-36s  %-10s  %6d  %-24s  %s%n", run.path("id").asText(), run.path("state").asText(),
                    run.path("taskCount").asInt(), run.path("createdAt").asText(), run.path("name").asText());
        }
        return 0;
    }

    private int simple(String path) throws IOException, QueueClient.ApiException {
        JsonNode result = queue.post(path);
        out.println("run " + result.path("id").asText() + " " + result.path("state").asText());
        return 0;
    }

    private int delete(String id) throws IOException, QueueClient.ApiException {
        queue.delete("/api/runs/" + id);
        out.println("run " + id + " deleted");
        return 0;
    }

    private void printProblem(QueueClient.ApiException e) {
        System.err.println("genesis: rejected (" + e.status + "): " + e.getMessage());
        for (JsonNode error : e.problem.path("errors")) {
            System.err.println("  " + error.path("field").asText() + ": " + error.path("message").asText());
        }
    }

    private static int usage() {
        System.err.println("usage: genesis submit FILE [--watch] | watch ID | runs [--state S] | cancel ID | retry ID | delete ID");
        return 2;
    }

    private static String required(Deque<String> args, String what) {
        if (args.isEmpty() || args.peek().startsWith("--")) {
            throw new IllegalArgumentException("missing " + what);
        }
        return args.pop();
    }

    private static String after(Deque<String> args, String flag) {
        List<String> list = List.copyOf(args);
        int at = list.indexOf(flag);
        if (at + 1 >= list.size()) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return list.get(at + 1);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}

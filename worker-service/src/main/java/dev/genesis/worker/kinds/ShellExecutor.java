package dev.genesis.worker.kinds;

import dev.genesis.common.concurrent.DaemonThreads;
import dev.genesis.worker.config.WorkerConfig;
import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code shell {command[], env, cwd}}: starts a program directly (argv, never through a shell) in
 * the attempt's scratch folder, captures its output within a limit, and on timeout or cancel
 * kills its whole process tree. With declared resources, the folder holds the declared
 * workspace files and what the command changes under its writes is committed afterwards.
 */
@Singleton
public class ShellExecutor implements TaskExecutor {

    private static final int TAIL_CHARS = 2_000;

    private final List<String> allowedPrograms;
    private final int outputLimit;

    @Inject
    public ShellExecutor(WorkerConfig config) {
        this(config.shell().allowedPrograms().orElse(List.of()), config.outputLimitBytes());
    }

    ShellExecutor(List<String> allowedPrograms, int outputLimit) {
        this.allowedPrograms = List.copyOf(allowedPrograms);
        this.outputLimit = outputLimit;
    }

    @Override
    public String kind() {
        return "shell";
    }

    /** Every declared file, reads and writes: the command sees them in its folder as in the workspace. */
    @Override
    public List<String> workspacePaths(TaskContext context) {
        List<String> paths = new ArrayList<>(context.resources().writes());
        paths.addAll(context.resources().reads());
        return paths;
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws IOException, InterruptedException {
        List<String> command = Params.stringList(context.params(), "command");
        if (!allowedPrograms.isEmpty() && !allowedPrograms.contains(command.get(0))) {
            return TaskOutcome.failure("program '" + command.get(0) + "' is not allowed on this worker; allowed: "
                    + allowedPrograms, false);
        }
        Map<String, String> env = Params.stringMap(context.params(), "env");
        Path workspace = context.workspace();
        Path cwd = workingDirectory(workspace, Params.string(context.params(), "cwd", null));

        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        builder.environment().put("GENESIS_RUN_ID", context.runId().toString());
        builder.environment().put("GENESIS_TASK_ID", context.taskId());
        builder.environment().put("GENESIS_ATTEMPT", String.valueOf(context.attempt()));
        builder.environment().put("GENESIS_BUS_URL", stripSlash(context.coordinatorUrl()) + "/api/bus");
        builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));

        OutputCapture output = new OutputCapture(outputLimit);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return TaskOutcome.failure("cannot start " + command.get(0) + ": " + e.getMessage(), false);
        }
        ProcessTree tree = new ProcessTree(process.toHandle());
        Thread reader = startReader(process.getInputStream(), output, context);
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                tree.refresh();
                if (context.isCancelled()) {
                    throw new InterruptedException("cancelled");
                }
            }
        } finally {
            // also on success: background children a task leaves behind must not outlive it
            tree.killAll();
            reader.join(2_000);
        }
        int exit = process.exitValue();
        if (exit != 0) {
            return TaskOutcome.failure("exit code " + exit + ": " + output.tail(TAIL_CHARS), true);
        }
        return TaskOutcome.success(output.text());
    }

    private static Thread startReader(InputStream in, OutputCapture output, TaskContext context) {
        return DaemonThreads.start("genesis-shell-output-" + context.taskId(), () -> {
            byte[] buffer = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    output.append(buffer, n);
                    String line = OutputCapture.lastLine(new String(buffer, 0, n, StandardCharsets.UTF_8));
                    if (line != null) {
                        context.progress(null, line);
                    }
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        });
    }

    /** The working directory: the scratch folder, or a folder inside it; never outside. */
    static Path workingDirectory(Path workspace, String cwd) throws IOException {
        if (cwd == null || cwd.isBlank()) {
            return workspace;
        }
        Path dir = workspace.resolve(cwd).normalize();
        if (!dir.startsWith(workspace)) {
            throw new IllegalArgumentException("parameter 'cwd' must stay inside the task's folder: " + cwd);
        }
        return Files.createDirectories(dir);
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

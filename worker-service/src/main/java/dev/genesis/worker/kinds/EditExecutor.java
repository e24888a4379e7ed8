package dev.genesis.worker.kinds;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import com.github.difflib.patch.PatchFailedException;
import dev.genesis.common.spec.ResourcePaths;
import dev.genesis.worker.spi.TaskContext;
import dev.genesis.worker.spi.TaskExecutor;
import dev.genesis.worker.spi.TaskOutcome;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code edit {path, content | patch}}: sets one workspace file to {@code content}, or applies a
 * unified diff to it. The worker fetches the file (and its version) into the scratch folder
 * first and commits the result as a one-file changeset after this returns.
 */
@Singleton
public class EditExecutor implements TaskExecutor {

    @Override
    public String kind() {
        return "edit";
    }

    /** Only the edited file, and only when the task may write it. */
    @Override
    public List<String> workspacePaths(TaskContext context) {
        if (!(context.params().get("path") instanceof String raw) || ResourcePaths.problemWith(raw) != null) {
            return List.of();
        }
        String path = ResourcePaths.normalize(raw);
        return mayWrite(context, path) ? List.of(path) : List.of();
    }

    @Override
    public TaskOutcome execute(TaskContext context) throws IOException {
        String path = targetPath(context);
        if (!mayWrite(context, path)) {
            return TaskOutcome.failure("path '" + path + "' is not under the task's writes "
                    + context.resources().writes(), false);
        }
        String content = Params.string(context.params(), "content", null);
        String patch = Params.string(context.params(), "patch", null);
        if ((content == null) == (patch == null)) {
            throw new IllegalArgumentException("needs exactly one of 'content' or 'patch'");
        }
        Path file = context.workspace().resolve(path).normalize();
        if (!file.startsWith(context.workspace())) {
            throw new IllegalArgumentException("parameter 'path' must stay inside the workspace: " + path);
        }
        Files.createDirectories(file.getParent());
        if (content != null) {
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return TaskOutcome.success("wrote " + path + " (" + content.length() + " characters)");
        }
        String original = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        Patch<String> parsed = UnifiedDiffUtils.parseUnifiedDiff(patch.lines().toList());
        if (parsed.getDeltas().isEmpty()) {
            return TaskOutcome.failure("the patch for " + path + " holds no hunk", false);
        }
        List<String> patched;
        try {
            patched = DiffUtils.patch(lines(original), parsed);
        } catch (PatchFailedException e) {
            return TaskOutcome.failure("the patch does not apply to " + path + ": " + e.getMessage(), false);
        }
        Files.writeString(file, text(patched, original), StandardCharsets.UTF_8);
        return TaskOutcome.success("patched " + path + " (" + parsed.getDeltas().size() + " hunks)");
    }

    private static String targetPath(TaskContext context) {
        String raw = Params.string(context.params(), "path", null);
        String problem = ResourcePaths.problemWith(raw);
        if (problem != null) {
            throw new IllegalArgumentException("parameter 'path' " + problem);
        }
        String path = ResourcePaths.normalize(raw);
        if (path.isEmpty() || ResourcePaths.isFolder(path)) {
            throw new IllegalArgumentException("parameter 'path' must name a file, not a folder: " + raw);
        }
        return path;
    }

    private static boolean mayWrite(TaskContext context, String path) {
        return !path.isEmpty() && !ResourcePaths.isFolder(path) && context.resources().writes().stream()
                .anyMatch(w -> ResourcePaths.overlap(ResourcePaths.normalize(w), path));
    }

    /** The file's lines without their terminators; an empty file has none. */
    private static List<String> lines(String text) {
        if (text.isEmpty()) {
            return new ArrayList<>();
        }
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        return new ArrayList<>(Arrays.asList(body.split("\n", -1)));
    }

    /** Joins lines back, keeping the original's final newline (a new file gets one). */
    private static String text(List<String> lines, String original) {
        if (lines.isEmpty()) {
            return "";
        }
        boolean finalNewline = original.isEmpty() || original.endsWith("\n");
        return String.join("\n", lines) + (finalNewline ? "\n" : "");
    }
}

package dev.genesis.worker.workspace;

import dev.genesis.common.spec.ResourcePaths;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a task changed in its scratch folder under its {@code writes}: new, modified and deleted
 * files against the {@link Baseline}. Everything outside the writes is ignored, whatever the
 * task did to it: those paths are not the task's to change.
 */
public final class ChangeDetector {

    private ChangeDetector() {
    }

    /** The changes, sorted by path; empty when the task left its writes as they were. */
    public static List<FileChange> changes(Path folder, Collection<String> writes, Baseline baseline)
            throws IOException {
        Path root = folder.toAbsolutePath().normalize();
        List<String> scopes = writes.stream().map(ResourcePaths::normalize).filter(s -> !s.isEmpty()).toList();
        List<FileChange> changes = new ArrayList<>();
        Set<String> present = new HashSet<>();
        for (String path : regularFiles(root)) {
            if (!covered(scopes, path)) {
                continue;
            }
            present.add(path);
            byte[] bytes = Files.readAllBytes(root.resolve(path));
            var base = baseline.of(path);
            if (base.isEmpty()) {
                changes.add(FileChange.written(path, null, bytes));
            } else if (!base.get().sha256().equals(Digest.sha256(bytes))) {
                changes.add(FileChange.written(path, base.get().version(), bytes));
            }
        }
        for (String path : baseline.paths()) {
            if (covered(scopes, path) && !present.contains(path)) {
                changes.add(FileChange.deleted(path, baseline.of(path).orElseThrow().version()));
            }
        }
        changes.sort(Comparator.comparing(FileChange::path));
        return changes;
    }

    private static boolean covered(List<String> scopes, String path) {
        return scopes.stream().anyMatch(scope -> ResourcePaths.overlap(scope, path));
    }

    /**
     * Workspace-relative paths of the regular files under {@code root}. Symbolic links are not
     * followed nor committed: one could point outside the folder and leak a file of the host.
     */
    private static List<String> regularFiles(Path root) throws IOException {
        List<String> files = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return files;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    files.add(relative(root, file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return files;
    }

    private static String relative(Path root, Path file) {
        List<String> names = new ArrayList<>();
        root.relativize(file).forEach(name -> names.add(name.toString()));
        return String.join("/", names);
    }
}

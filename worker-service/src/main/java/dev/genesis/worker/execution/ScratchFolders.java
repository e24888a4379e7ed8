package dev.genesis.worker.execution;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * The scratch folders of attempts under one root: {@code root/<runId>/<taskId>-<attempt>}. The
 * run's folder goes when its last attempt folder does, so attempts of one run create and delete
 * it concurrently. Within this process a creation and a run folder's removal never interleave
 * (one lock around both: a few file system calls); other worker processes may share the root (the
 * default is under {@code java.io.tmpdir}), so a creation that finds the run folder deleted under
 * it by one of those tries again.
 */
final class ScratchFolders {

    /** Tries of a creation that keeps losing the run folder to another process's clean-up. */
    static final int TRIES = 20;
    /** Held while an attempt folder is created, and while a run folder is removed. */
    private static final Object RUN_FOLDERS = new Object();

    private ScratchFolders() {
    }

    /** Creates (or finds) the attempt's folder. */
    static Path create(Path root, UUID runId, String taskId, int attempt) throws IOException {
        Path dir = root.resolve(runId.toString()).resolve(taskId + "-" + attempt);
        for (int i = 1; ; i++) {
            try {
                synchronized (RUN_FOLDERS) {
                    return Files.createDirectories(dir);
                }
            } catch (NoSuchFileException | FileAlreadyExistsException e) {
                // Another process deleted the run folder between its creation (or the check that
                // it exists) and this folder's: again.
                if (i >= TRIES) {
                    throw e;
                }
                Thread.yield();
            }
        }
    }

    /** Deletes the attempt's folder with its content, then the run's folder if it is empty; best effort. */
    static void delete(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path folder, IOException exc) throws IOException {
                    Files.deleteIfExists(folder);
                    return FileVisitResult.CONTINUE;
                }
            });
            synchronized (RUN_FOLDERS) {
                Files.deleteIfExists(dir.getParent());
            }
        } catch (IOException e) {
            // a sibling attempt still uses the run folder, or a file vanished: nothing to do
        }
    }
}

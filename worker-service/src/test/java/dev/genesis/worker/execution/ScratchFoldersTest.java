package dev.genesis.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScratchFoldersTest {

    @TempDir
    Path root;

    @Test
    void attemptsOfOneRunCreateAndDeleteTheirFoldersSideBySideWithoutFailing() throws Exception {
        UUID run = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                int worker = w;
                // Each creates a folder, writes a file and deletes it again, as attempts do; the
                // run folder comes and goes under the others.
                workers.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        Path dir = ScratchFolders.create(root, run, "t" + worker + "-" + i, 1);
                        Files.writeString(dir.resolve("out.txt"), "x");
                        ScratchFolders.delete(dir);
                    }
                    return 500;
                }));
            }
            for (Future<Integer> f : workers) {
                assertThat(f.get()).isEqualTo(500);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(root.resolve(run.toString())).as("the run folder goes with its last attempt").doesNotExist();
    }

    @Test
    void deleteLeavesTheRunFolderWhileASiblingStillUsesIt() throws Exception {
        UUID run = UUID.randomUUID();
        Path a = ScratchFolders.create(root, run, "a", 1);
        Path b = ScratchFolders.create(root, run, "b", 2);
        Files.writeString(b.resolve("keep.txt"), "y");
        ScratchFolders.delete(a);
        assertThat(a).doesNotExist();
        assertThat(b.resolve("keep.txt")).hasContent("y");
        ScratchFolders.delete(b);
        assertThat(root.resolve(run.toString())).doesNotExist();
    }
}

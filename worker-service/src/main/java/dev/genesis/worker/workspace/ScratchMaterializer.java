package dev.genesis.worker.workspace;

import dev.genesis.common.spec.ResourcePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Fills a scratch folder with the workspace files a task declared (a folder path brings every
 * file under it), each at its workspace-relative path, and remembers the version each came from.
 */
public final class ScratchMaterializer {

    private final FileSource source;

    public ScratchMaterializer(FileSource source) {
        this.source = source;
    }

    /** Fetches every declared file into {@code folder}; a declared file that does not exist yet gets no base. */
    public Baseline materialize(Collection<String> declared, Path folder) throws IOException, InterruptedException {
        Path root = folder.toAbsolutePath().normalize();
        Map<String, Baseline.Base> bases = new TreeMap<>();
        for (String path : filesOf(declared, root)) {
            var file = source.read(path);
            if (file.isEmpty()) {
                continue;
            }
            Path target = inside(root, path);
            Files.createDirectories(target.getParent());
            Files.write(target, file.get().bytes());
            bases.put(path, new Baseline.Base(file.get().version(), Digest.sha256(file.get().bytes())));
        }
        return new Baseline(bases);
    }

    /**
     * The file paths to fetch, once each. Declared folders are created even when empty, so that
     * a command can write its first file into one.
     */
    private TreeSet<String> filesOf(Collection<String> declared, Path root) throws IOException, InterruptedException {
        TreeSet<String> files = new TreeSet<>();
        for (String raw : declared) {
            String path = ResourcePaths.normalize(raw);
            if (path.isEmpty()) {
                continue;
            }
            if (!ResourcePaths.isFolder(path)) {
                inside(root, path);
                files.add(path);
                continue;
            }
            Files.createDirectories(inside(root, path));
            // The coordinator filters by prefix; checking again keeps a lax listing from widening the set.
            for (String listed : source.list(path)) {
                String file = ResourcePaths.normalize(listed);
                if (!ResourcePaths.isFolder(file) && ResourcePaths.overlap(path, file)) {
                    inside(root, file);
                    files.add(file);
                }
            }
        }
        return files;
    }

    /** {@code path} inside {@code root}; a path that would land outside it is refused. */
    static Path inside(Path root, String path) throws IOException {
        String problem = ResourcePaths.problemWith(path);
        Path target = root.resolve(path).normalize();
        if (problem != null || !target.startsWith(root)) {
            throw new IOException("refusing workspace path '" + path + "': "
                    + (problem != null ? problem : "it leaves the scratch folder"));
        }
        return target;
    }
}

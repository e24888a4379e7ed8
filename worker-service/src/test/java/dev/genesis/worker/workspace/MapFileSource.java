package dev.genesis.worker.workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An in-memory workspace for unit tests; records how often it was asked. */
final class MapFileSource implements FileSource {

    final Map<String, WorkspaceFile> files = new TreeMap<>();
    final List<String> listed = new ArrayList<>();
    final List<String> read = new ArrayList<>();
    /** Extra paths a lax listing returns whatever the prefix. */
    final List<String> alwaysListed = new ArrayList<>();

    MapFileSource with(String path, int version, String content) {
        files.put(path, new WorkspaceFile(path, version, content.getBytes()));
        return this;
    }

    @Override
    public List<String> list(String prefix) {
        listed.add(prefix);
        List<String> paths = new ArrayList<>(files.keySet().stream().filter(p -> p.startsWith(prefix)).toList());
        paths.addAll(alwaysListed);
        return paths;
    }

    @Override
    public Optional<WorkspaceFile> read(String path) {
        read.add(path);
        return Optional.ofNullable(files.get(path));
    }
}

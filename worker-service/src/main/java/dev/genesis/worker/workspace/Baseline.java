package dev.genesis.worker.workspace;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a scratch folder held when the task started: per workspace path, the version it came from
 * and a digest of its bytes. A declared file that did not exist has no entry (no base).
 */
public record Baseline(Map<String, Base> files) {

    /** The base of one fetched file. */
    public record Base(int version, String sha256) {
    }

    public static final Baseline EMPTY = new Baseline(Map.of());

    public Baseline {
        files = Map.copyOf(files);
    }

    public Optional<Base> of(String path) {
        return Optional.ofNullable(files.get(path));
    }

    public Set<String> paths() {
        return files.keySet();
    }
}

package dev.genesis.worker.workspace;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** Where a scratch folder's files come from: the coordinator, or a map in a unit test. */
public interface FileSource {

    /** Paths of the current files whose path starts with {@code prefix}. */
    List<String> list(String prefix) throws IOException, InterruptedException;

    /** The current version of {@code path}, or empty when there is no such file. */
    Optional<WorkspaceFile> read(String path) throws IOException, InterruptedException;
}

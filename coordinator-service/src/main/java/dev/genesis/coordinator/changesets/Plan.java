package dev.genesis.coordinator.changesets;

import dev.genesis.coordinator.conflicts.NewConflict;

/** What committing one file will do, decided before anything is written. */
sealed interface Plan {

    /** A new version: {@code bytes} null means a deletion of the content {@code sha256}. */
    record Write(String path, String sha256, byte[] bytes, boolean merged) implements Plan {

        boolean deleted() {
            return bytes == null;
        }
    }

    /** The current version already is the result; nothing is written. */
    record Keep(String path, boolean merged) implements Plan {
    }

    /** The edit cannot land. */
    record Clash(NewConflict conflict) implements Plan {
    }
}

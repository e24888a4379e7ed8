package dev.genesis.coordinator.workspace;

/** An optimistic write named a base version that is no longer the current one. */
public class VersionMismatchException extends RuntimeException {

    private final int current;

    public VersionMismatchException(String path, int expected, int current) {
        super(path + " is at version " + current + ", not " + expected);
        this.current = current;
    }

    public int current() {
        return current;
    }
}

package dev.genesis.coordinator.locks;

/** The set was not granted within the wait time: {@code path} is held by {@code holder} (via {@code heldPath}). */
public class LockConflictException extends RuntimeException {

    private final String path;
    private final String holder;
    private final String heldPath;

    public LockConflictException(String path, String holder, String heldPath) {
        super("'" + path + "' conflicts with '" + heldPath + "' held by " + holder);
        this.path = path;
        this.holder = holder;
        this.heldPath = heldPath;
    }

    public String path() {
        return path;
    }

    public String holder() {
        return holder;
    }

    public String heldPath() {
        return heldPath;
    }
}

package dev.genesis.worker.locks;

/** The locks were not granted (busy past the wait, coordinator unreachable or confused); the attempt is handed back. */
public class LockUnavailableException extends Exception {

    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

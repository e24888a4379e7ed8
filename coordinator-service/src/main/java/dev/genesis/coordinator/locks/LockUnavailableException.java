package dev.genesis.coordinator.locks;

/** Redis could not be asked; whatever was requested is NOT held. */
public class LockUnavailableException extends RuntimeException {

    public LockUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

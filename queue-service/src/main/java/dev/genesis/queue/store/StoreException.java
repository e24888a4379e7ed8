package dev.genesis.queue.store;

/** A database failure that the caller cannot fix; REST maps it to a 500 problem. */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

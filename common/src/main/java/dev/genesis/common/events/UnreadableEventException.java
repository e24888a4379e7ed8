package dev.genesis.common.events;

/** A record that is not a Genesis CloudEvent: consumers send it to the dead-letter topic. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}

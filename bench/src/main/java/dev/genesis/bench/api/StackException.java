package dev.genesis.bench.api;

/** The stack answered unexpectedly or not at all; the message says what was asked and what came back. */
public class StackException extends RuntimeException {

    public StackException(String message) {
        super(message);
    }

    public StackException(String message, Throwable cause) {
        super(message, cause);
    }
}

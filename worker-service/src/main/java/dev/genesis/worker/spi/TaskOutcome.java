package dev.genesis.worker.spi;

/** How an attempt ended: success with an output excerpt, or failure with an error and whether a retry may help. */
public record TaskOutcome(boolean succeeded, String output, String error, boolean retryable) {

    public static TaskOutcome success(String output) {
        return new TaskOutcome(true, output, null, false);
    }

    public static TaskOutcome failure(String error, boolean retryable) {
        return new TaskOutcome(false, null, error, retryable);
    }
}

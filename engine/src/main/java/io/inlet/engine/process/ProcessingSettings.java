package io.inlet.engine.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How the message processor runs.
 *
 * @param workers        size of the worker pool (messages processed at the same time)
 * @param initialBackoff delay before the first retry of a failed action; doubled per failure
 * @param maxBackoff     upper bound of the delay between two attempts
 * @param retryBudget    how long, counted from acceptance (or from a replay), failing actions are
 *                       retried before the message is dead-lettered
 */
public record ProcessingSettings(int workers, Duration initialBackoff, Duration maxBackoff, Duration retryBudget) {

    public ProcessingSettings {
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(retryBudget, "retryBudget");
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive");
        }
        if (initialBackoff.isNegative() || initialBackoff.isZero() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("need 0 < initialBackoff <= maxBackoff");
        }
        if (retryBudget.isNegative()) {
            throw new IllegalArgumentException("retryBudget must not be negative");
        }
    }

    /** 4 workers per core, 1 s doubling up to 10 min, 24 h budget (an MTA queue's lifetime). */
    public static ProcessingSettings defaults() {
        return new ProcessingSettings(4 * Runtime.getRuntime().availableProcessors(),
                Duration.ofSeconds(1), Duration.ofMinutes(10), Duration.ofHours(24));
    }
}

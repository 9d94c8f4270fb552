package io.inlet.engine.process;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff inside a retry budget: the n-th consecutive failure waits
 * {@code initial × 2^(n-1)}, at most {@code max}; the last attempt is made when the budget ends,
 * and a failure at or after that ends retrying.
 */
public final class RetryPolicy {

    private final Duration initial;
    private final Duration max;
    private final Duration budget;

    public RetryPolicy(ProcessingSettings settings) {
        this.initial = settings.initialBackoff();
        this.max = settings.maxBackoff();
        this.budget = settings.retryBudget();
    }

    /** The wait after the {@code failures}-th consecutive failure (1-based). */
    public Duration delay(int failures) {
        int doublings = Math.max(0, Math.min(failures - 1, 62));
        Duration d = initial;
        for (int i = 0; i < doublings && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** When the budget that started at {@code budgetStart} runs out. */
    public Instant deadline(Instant budgetStart) {
        return budgetStart.plus(budget);
    }

    /** The wait before the next attempt, or empty when the budget is spent (dead-letter now). */
    public Optional<Duration> next(Instant now, int failures, Instant budgetStart) {
        Instant deadline = deadline(budgetStart);
        if (!now.isBefore(deadline)) {
            return Optional.empty();
        }
        Instant next = now.plus(delay(failures));
        return Optional.of(Duration.between(now, next.isAfter(deadline) ? deadline : next));
    }
}

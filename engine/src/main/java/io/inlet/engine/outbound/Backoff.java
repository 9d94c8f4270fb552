package io.inlet.engine.outbound;

import java.time.Duration;
import java.time.Instant;

/**
 * When to try again: the n-th failed attempt waits {@code retryInitial × 2^(n-1)}, at most
 * {@code retryMax}, and never past the max age, so the last attempt is made when it runs out.
 */
final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration maxAge;

    Backoff(OutboundSettings settings) {
        this.initial = settings.retryInitial();
        this.max = settings.retryMax();
        this.maxAge = settings.maxAge();
    }

    Duration delay(int attempts) {
        Duration d = initial;
        for (int i = 1; i < attempts && d.compareTo(max) < 0; i++) {
            d = d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }

    /** Whether temporary failures at {@code now} are final for an entry retried since {@code retryFrom}. */
    boolean expired(Instant retryFrom, Instant now) {
        return !now.isBefore(retryFrom.plus(maxAge));
    }

    Instant next(Instant retryFrom, Instant now, int attempts) {
        Instant next = now.plus(delay(attempts));
        Instant deadline = retryFrom.plus(maxAge);
        return next.isAfter(deadline) ? deadline : next;
    }
}

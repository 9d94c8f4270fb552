package io.inlet.actions.sns;

import java.time.Duration;
import java.time.Instant;

/**
 * When the embedded deliverer tries a subscriber again: the wait doubles from {@code initial} per
 * failure up to {@code max} (a max below initial means every wait is initial); a delivery that
 * fails at or after {@code maxAge} from its publish time is given up.
 */
record RetryPolicy(Duration initial, Duration max, Duration maxAge) {

    static RetryPolicy of(SnsSettings settings) {
        return new RetryPolicy(settings.retryInitial(), settings.retryMax(), settings.maxAge());
    }

    /** The wait after the {@code failures}-th failure in a row (1 = the first). */
    Duration delayAfter(int failures) {
        Duration cap = max.compareTo(initial) < 0 ? initial : max;
        Duration delay = initial;
        for (int i = 1; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    boolean expired(Instant publishedAt, Instant now) {
        return !now.isBefore(publishedAt.plus(maxAge));
    }
}

package io.inlet.config.store.postgres;

import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Which failures a transaction may simply run again, and how long to wait before it does.
 * Only serialization failures (40001) and deadlocks (40P01) qualify: PostgreSQL rolled the
 * transaction back and guarantees nothing of it is visible, so running the work again is safe.
 * A broken connection does not qualify: a COMMIT cut off in flight may or may not have happened.
 */
final class RetryPolicy {

    static final String SERIALIZATION_FAILURE = "40001";
    static final String DEADLOCK_DETECTED = "40P01";

    private final int maxAttempts;
    private final long maxBackoffMillis;

    RetryPolicy(int maxAttempts, long maxBackoffMillis) {
        if (maxAttempts < 1 || maxBackoffMillis < 0) {
            throw new IllegalArgumentException("bad retry policy: " + maxAttempts + ", " + maxBackoffMillis);
        }
        this.maxAttempts = maxAttempts;
        this.maxBackoffMillis = maxBackoffMillis;
    }

    static RetryPolicy defaults() {
        return new RetryPolicy(10, 200);
    }

    int maxAttempts() {
        return maxAttempts;
    }

    /** Whether {@code t}, or anything in its cause chain, is a retryable SQL failure. */
    static boolean isRetryable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (SERIALIZATION_FAILURE.equals(state) || DEADLOCK_DETECTED.equals(state)) {
                    return true;
                }
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** Full jitter on a doubling ceiling, so colliding nodes do not collide again in step. */
    void pause(int attempt) {
        long ceiling = Math.min(maxBackoffMillis, 5L << Math.min(attempt, 20));
        long millis = ceiling == 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        if (millis == 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

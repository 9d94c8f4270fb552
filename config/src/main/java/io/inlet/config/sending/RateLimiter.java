package io.inlet.config.sending;

import io.inlet.config.store.Scope;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * MaxSendRate per account and region, in memory (per node: with a shared store every node grants
 * the full rate). A token bucket refilled at the rate and holding at most one second's worth (at
 * least one token): a message is accepted while the bucket is not in debt and takes one token per
 * recipient, possibly into debt, so a 3-recipient message at 1/s is accepted and the next one
 * waits 3 seconds; on average the recipients per second stay at or below the rate.
 */
final class RateLimiter {
    private final double ratePerSecond;
    private final double capacity;
    private final Clock clock;
    private final Map<Scope, Bucket> buckets = new HashMap<>();

    private static final class Bucket {
        double tokens;
        long updatedMillis;
    }

    RateLimiter(double ratePerSecond, Clock clock) {
        this.ratePerSecond = ratePerSecond;
        this.capacity = Math.max(1, ratePerSecond);
        this.clock = clock;
    }

    /** Takes {@code recipients} tokens; false (and nothing taken) when the bucket is empty or in debt. */
    synchronized boolean tryAcquire(Scope scope, int recipients) {
        Bucket b = refilled(scope);
        if (b.tokens < 1 - 1e-9) {
            return false;
        }
        b.tokens -= recipients;
        return true;
    }

    /** Gives tokens back (the message was refused after all, e.g. by the daily quota). */
    synchronized void release(Scope scope, int recipients) {
        Bucket b = refilled(scope);
        b.tokens = Math.min(capacity, b.tokens + recipients);
    }

    private Bucket refilled(Scope scope) {
        long now = clock.millis();
        Bucket b = buckets.computeIfAbsent(scope, s -> {
            Bucket fresh = new Bucket();
            fresh.tokens = capacity;
            fresh.updatedMillis = now;
            return fresh;
        });
        long elapsed = Math.max(0, now - b.updatedMillis);
        b.tokens = Math.min(capacity, b.tokens + elapsed * ratePerSecond / 1000.0);
        b.updatedMillis = now;
        return b;
    }
}

package io.inlet.config.sending;

import io.inlet.config.store.Scope;
import io.inlet.config.store.SendDataPoint;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The store's send statistics in the shape GetSendStatistics reports: 15-minute intervals over
 * the last two weeks. SentLast24Hours is summed from the same intervals, which makes the 24-hour
 * window slide in 15-minute steps: every interval that overlaps the last 24 hours counts in full,
 * so a send leaves the window between 24 h and 24 h 15 min after it was made (never early; the
 * quota errs on the strict side).
 */
final class SendStatistics {
    static final Duration INTERVAL = Duration.ofMinutes(15);
    static final Duration WINDOW = Duration.ofHours(24);
    static final Duration HISTORY = Duration.ofDays(14);

    private final Store store;
    private final Clock clock;

    SendStatistics(Store store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    static Instant intervalStart(Instant t) {
        long size = INTERVAL.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli(), size) * size);
    }

    Instant now() {
        return clock.instant();
    }

    /** The recipients sent in the window ending at {@code now}, within the caller's transaction. */
    static long sentInWindow(StoreTransaction tx, Scope scope, Instant now) {
        return tx.sendActivity(scope, intervalStart(now.minus(WINDOW))).stream()
                .mapToLong(SendDataPoint::deliveryAttempts).sum();
    }

    /** Adds counts to the interval of {@code at} and drops intervals older than two weeks. */
    static void add(StoreTransaction tx, Scope scope, Instant at, long attempts, long rejects) {
        tx.addSendActivity(scope, new SendDataPoint(intervalStart(at), attempts, 0, 0, rejects));
        tx.deleteSendActivityBefore(intervalStart(at.minus(HISTORY)));
    }

    /** A message SES refused (unverified identity): counted under Rejects, as moto does (M-QS-01). */
    void recordReject(Scope scope) {
        Instant now = now();
        store.write(tx -> {
            add(tx, scope, now, 0, 1);
            return null;
        });
    }

    long sentLast24Hours(Scope scope) {
        Instant now = now();
        return store.read(tx -> sentInWindow(tx, scope, now));
    }

    /** The intervals with activity in the last two weeks, oldest first. */
    List<SendDataPoint> dataPoints(Scope scope) {
        Instant since = intervalStart(now().minus(HISTORY));
        return store.read(tx -> tx.sendActivity(scope, since));
    }
}

package io.inlet.config.sending;

import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.time.Instant;

/**
 * Charges a message's recipients against MaxSendRate and Max24HourSend and counts them as
 * DeliveryAttempts. The daily check and the count are one store write, so two concurrent sends
 * cannot both take the last unit of quota: SQLite serializes writes, PostgreSQL runs them
 * SERIALIZABLE (and retries the loser), which also makes the daily quota shared by all nodes.
 */
final class SendQuota {
    private final Store store;
    private final SendingSettings settings;
    private final RateLimiter rate;
    private final SendStatistics statistics;

    /** What was charged, so that a message that could not be queued after all gives it back. */
    record Charge(Scope scope, Instant at, int recipients) {
    }

    SendQuota(Store store, SendingSettings settings, SendStatistics statistics, java.time.Clock clock) {
        this.store = store;
        this.settings = settings;
        this.statistics = statistics;
        this.rate = new RateLimiter(settings.maxSendRate(), clock);
    }

    Charge charge(Scope scope, int recipients) {
        if (!rate.tryAcquire(scope, recipients)) {
            throw SendingLimits.throttled("Maximum sending rate exceeded.");
        }
        Instant now = statistics.now();
        try {
            store.write(tx -> {
                if (!settings.unlimitedDaily()
                        && SendStatistics.sentInWindow(tx, scope, now) + recipients > settings.max24HourSend()) {
                    throw SendingLimits.throttled("Daily message quota exceeded.");
                }
                SendStatistics.add(tx, scope, now, recipients, 0);
                return null;
            });
        } catch (RuntimeException e) {
            rate.release(scope, recipients);
            throw e;
        }
        return new Charge(scope, now, recipients);
    }

    /** Undoes a charge whose message was never queued. */
    void refund(Charge charge) {
        rate.release(charge.scope(), charge.recipients());
        store.write(tx -> {
            SendStatistics.add(tx, charge.scope(), charge.at(), -charge.recipients(), 0);
            return null;
        });
    }
}

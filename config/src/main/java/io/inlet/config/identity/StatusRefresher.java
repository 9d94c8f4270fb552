package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings Pending identities up to date: decides outside any transaction (DNS lookups can be
 * slow), then writes only the records that changed, each only if nobody changed it meanwhile
 * (deleted, re-verified). Writing through the store is what makes the receiving snapshot follow.
 * An optional time budget bounds API reads when DNS is slow or down: records not reached in time
 * are answered as stored and left to the poller.
 */
final class StatusRefresher {
    private final Store store;
    private final VerificationPolicy policy;
    private final Duration budget;

    /** {@code budget} null: check every record however long it takes (the background poller). */
    StatusRefresher(Store store, VerificationPolicy policy, Duration budget) {
        this.store = store;
        this.policy = policy;
        this.budget = budget;
    }

    /** The records as they are now, keyed by identity, in the given order. */
    Map<String, IdentityRecord> refresh(Scope scope, Collection<IdentityRecord> records) {
        Map<String, IdentityRecord> out = new LinkedHashMap<>();
        List<IdentityRecord> changed = new ArrayList<>();
        // The monotonic clock, not the injected one: the budget is about real waiting.
        long deadline = budget == null ? 0 : System.nanoTime() + budget.toNanos();
        for (IdentityRecord record : records) {
            boolean inTime = budget == null || System.nanoTime() - deadline < 0;
            Optional<String> next = inTime ? policy.next(record) : Optional.empty();
            IdentityRecord now = next.map(record::withStatus).orElse(record);
            out.put(record.identity(), now);
            if (next.isPresent()) {
                changed.add(now);
            }
        }
        if (!changed.isEmpty()) {
            store.write(tx -> {
                for (IdentityRecord update : changed) {
                    Optional<IdentityRecord> current = tx.identity(scope, update.identity());
                    if (current.isEmpty()) {
                        out.remove(update.identity());
                    } else if (unchangedSinceRead(current.get(), update)) {
                        tx.upsertIdentity(scope, update);
                    } else {
                        out.put(update.identity(), current.get());
                    }
                }
                return null;
            });
        }
        return out;
    }

    private static boolean unchangedSinceRead(IdentityRecord current, IdentityRecord update) {
        return IdentityStatus.PENDING.equals(current.status())
                && current.createdAt().equals(update.createdAt())
                && Objects.equals(current.verificationToken(), update.verificationToken());
    }
}

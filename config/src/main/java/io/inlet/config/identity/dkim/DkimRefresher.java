package io.inlet.config.identity.dkim;

import io.inlet.config.identity.IdentityStatus;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings domains' DKIM statuses up to date, as StatusRefresher does for verification: DNS
 * outside any transaction, then one write of the changes, each only if nobody changed that
 * domain's DKIM meanwhile. A domain whose DKIM becomes Success while its identity is still
 * Pending becomes verified too (SES-RECEIVING §7.1: "a domain also becomes Success when it is
 * DKIM-verified"), which the receiving snapshot then follows. Reads get a time budget (about
 * one DNS timeout): domains not reached in time are answered as stored.
 */
final class DkimRefresher {
    private final Store store;
    private final DkimVerification verification;
    private final Duration budget;

    DkimRefresher(Store store, DkimVerification verification, Duration budget) {
        this.store = store;
        this.verification = verification;
        this.budget = budget;
    }

    /** The states as they are now, by domain. */
    Map<String, DkimSettings> refresh(Scope scope, Map<String, DkimSettings> byDomain) {
        Map<String, DkimSettings> out = new LinkedHashMap<>(byDomain);
        Map<String, DkimSettings> changed = new LinkedHashMap<>();
        long deadline = System.nanoTime() + budget.toNanos(); // monotonic: the budget is real waiting
        for (Map.Entry<String, DkimSettings> e : byDomain.entrySet()) {
            if (!DkimVerification.mayChange(e.getValue()) || System.nanoTime() - deadline >= 0) {
                continue;
            }
            verification.next(e.getKey(), e.getValue()).ifPresent(status -> {
                DkimSettings now = e.getValue().withStatus(status);
                out.put(e.getKey(), now);
                changed.put(e.getKey(), now);
            });
        }
        if (!changed.isEmpty()) {
            store.write(tx -> {
                changed.forEach((domain, update) -> {
                    Optional<DkimSettings> current = DkimSettings.of(tx, scope, domain);
                    if (current.isEmpty() || !unchangedSinceRead(current.get(), update)) {
                        current.ifPresentOrElse(c -> out.put(domain, c), () -> out.remove(domain));
                        return;
                    }
                    // The current enabled flag, not the one read: a concurrent SetIdentityDkimEnabled wins.
                    DkimSettings next = current.get().withStatus(update.status());
                    tx.putIdentityAttribute(scope, domain, DkimSettings.ATTRIBUTE, next.toJson());
                    out.put(domain, next);
                    if (next.isVerified()) {
                        tx.identity(scope, domain)
                                .filter(r -> IdentityStatus.PENDING.equals(r.status()) && r.isDomain())
                                .ifPresent(r -> tx.upsertIdentity(scope, r.withStatus(IdentityStatus.SUCCESS)));
                    }
                });
                return null;
            });
        }
        return out;
    }

    private static boolean unchangedSinceRead(DkimSettings current, DkimSettings update) {
        return DkimVerification.mayChange(current)
                && Objects.equals(current.startedAt(), update.startedAt())
                && Objects.equals(current.keys(), update.keys());
    }
}

package io.inlet.config.identity.mailfrom;

import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Brings MAIL FROM statuses up to date before a read answers: MX lookups outside any transaction
 * within a time budget (about one DNS timeout; identities not reached are answered as stored),
 * then one write of the changes, each only if that identity's setup did not change meanwhile.
 */
final class MailFromRefresher {
    private final Store store;
    private final MailFromVerification verification;
    private final Duration budget;

    MailFromRefresher(Store store, MailFromVerification verification, Duration budget) {
        this.store = store;
        this.verification = verification;
        this.budget = budget;
    }

    Map<String, MailFromSettings> refresh(Scope scope, Map<String, MailFromSettings> byIdentity) {
        Map<String, MailFromSettings> out = new LinkedHashMap<>(byIdentity);
        Map<String, MailFromSettings> changed = new LinkedHashMap<>();
        long deadline = System.nanoTime() + budget.toNanos(); // monotonic: the budget is real waiting
        for (Map.Entry<String, MailFromSettings> e : byIdentity.entrySet()) {
            if (System.nanoTime() - deadline >= 0) {
                break;
            }
            verification.next(e.getValue()).ifPresent(status -> {
                MailFromSettings now = e.getValue().withStatus(status);
                out.put(e.getKey(), now);
                changed.put(e.getKey(), now);
            });
        }
        if (!changed.isEmpty()) {
            store.write(tx -> {
                changed.forEach((identity, update) -> {
                    Optional<MailFromSettings> current = MailFromSettings.stored(tx, scope, identity);
                    if (current.isPresent() && sameSetup(current.get(), update)) {
                        tx.putIdentityAttribute(scope, identity, MailFromSettings.ATTRIBUTE, update.toJson());
                    } else {
                        out.put(identity, current.orElse(MailFromSettings.DEFAULTS));
                    }
                });
                return null;
            });
        }
        return out;
    }

    private static boolean sameSetup(MailFromSettings current, MailFromSettings update) {
        return Objects.equals(current.domain(), update.domain())
                && Objects.equals(current.behaviorOnMxFailure(), update.behaviorOnMxFailure())
                && Objects.equals(current.setAt(), update.setAt());
    }
}

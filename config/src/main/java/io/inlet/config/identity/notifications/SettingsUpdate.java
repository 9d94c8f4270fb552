package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.identity.IdentityReferences;
import io.inlet.config.store.Store;

import java.util.function.UnaryOperator;

/**
 * The read-modify-write the three setters share: resolve the {@code Identity} parameter, then in
 * one transaction check that the identity exists and replace its settings. Existence, not
 * verification, is required: a Pending identity can be configured before it is usable (SES lets
 * the console do so), and an unknown one is LocalStack's AWS-validated MessageRejected.
 */
final class SettingsUpdate {
    private final Store store;

    SettingsUpdate(Store store) {
        this.store = store;
    }

    /** The Identity parameter, required, as given (for messages). */
    static String identityParameter(ApiRequest request) {
        return IdentityReferences.required(request.params(), "Identity", "identity");
    }

    /** {@code change} sees the current settings and returns the new ones (or throws SesException). */
    void apply(ApiRequest request, String identityAsGiven, UnaryOperator<NotificationSettings> change) {
        String identity = IdentityReferences.resolve(request.scope(), identityAsGiven)
                .orElseThrow(() -> IdentityReferences.notVerified(identityAsGiven));
        store.write(tx -> {
            if (tx.identity(request.scope(), identity).isEmpty()) {
                throw IdentityReferences.notVerified(identityAsGiven);
            }
            NotificationSettings current = NotificationSettings.of(tx, request.scope(), identity);
            NotificationSettings next = change.apply(current);
            if (!next.equals(current)) {
                tx.putIdentityAttribute(request.scope(), identity, NotificationSettings.ATTRIBUTE, next.toJson());
            }
            return null;
        });
    }
}

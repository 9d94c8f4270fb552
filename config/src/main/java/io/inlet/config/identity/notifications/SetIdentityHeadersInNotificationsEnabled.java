package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;

/**
 * SetIdentityHeadersInNotificationsEnabled: whether notifications of one type carry the original
 * message's headers. Idempotent; the type and identity errors are LocalStack's AWS-validated ones
 * (peers.md G-NT-06).
 */
final class SetIdentityHeadersInNotificationsEnabled implements ApiOperation {
    private final SettingsUpdate update;

    SetIdentityHeadersInNotificationsEnabled(SettingsUpdate update) {
        this.update = update;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String identity = SettingsUpdate.identityParameter(request);
        NotificationType type = NotificationType.parse(
                IdentityReferences.required(request.params(), "NotificationType", "notificationType"));
        boolean enabled = XsdBoolean.required(request.params(), "Enabled", "enabled");
        update.apply(request, identity, current -> current.withHeaders(type, enabled));
    }
}

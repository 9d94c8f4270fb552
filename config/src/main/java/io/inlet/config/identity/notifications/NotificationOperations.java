package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.store.Store;

import java.util.Map;

/** The notification-attribute operations (issue 6 item 2), by SES action name. */
public final class NotificationOperations {
    private NotificationOperations() {
    }

    public static Map<String, ApiOperation> operations(Store store) {
        SettingsUpdate update = new SettingsUpdate(store);
        return Map.of(
                "SetIdentityNotificationTopic", new SetIdentityNotificationTopic(update),
                "SetIdentityFeedbackForwardingEnabled", new SetIdentityFeedbackForwardingEnabled(update),
                "SetIdentityHeadersInNotificationsEnabled", new SetIdentityHeadersInNotificationsEnabled(update),
                "GetIdentityNotificationAttributes", new GetIdentityNotificationAttributes(store));
    }
}

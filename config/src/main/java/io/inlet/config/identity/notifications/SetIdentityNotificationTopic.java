package io.inlet.config.identity.notifications;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.identity.IdentityReferences;

/**
 * SetIdentityNotificationTopic: routes one notification type of an identity to an SNS topic; an
 * absent (or empty) {@code SnsTopic} clears it. The topic must be a well-formed SNS ARN (the
 * receipt actions' "Invalid SNS topic" text); whether it can be published to is the sending
 * side's concern. Checks run in the order: parameters present, type, topic, identity.
 */
final class SetIdentityNotificationTopic implements ApiOperation {
    private final SettingsUpdate update;

    SetIdentityNotificationTopic(SettingsUpdate update) {
        this.update = update;
    }

    @Override
    public void handle(ApiRequest request, XmlWriter result) {
        String identity = SettingsUpdate.identityParameter(request);
        NotificationType type = NotificationType.parse(
                IdentityReferences.required(request.params(), "NotificationType", "notificationType"));
        String topic = request.params().get("SnsTopic");
        String arn = topic == null || topic.isEmpty() ? null : topic;
        if (arn != null && !TopicArns.isSnsTopic(arn)) {
            throw SesException.invalidParameter("Invalid SNS topic: " + arn);
        }
        update.apply(request, identity, current -> current.withTopic(type, arn));
    }
}

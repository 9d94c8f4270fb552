package io.inlet.actions.sns;

import io.inlet.actions.validation.CommonChecks;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.NotificationContent;
import io.inlet.rules.spi.TopicPublisher;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code TopicArn} notification of the S3, Bounce, Lambda, Stop and WorkMail actions: the SES
 * notification JSON without {@code content}, published when the action has been performed.
 */
public final class TopicNotifications {

    /** The SNS subject SES gives every receipt notification. */
    public static final String SUBJECT = "Amazon SES Email Receipt Notification";

    private TopicNotifications() {
    }

    /**
     * Publishes the notification when the action has a {@code TopicArn}; does nothing otherwise.
     *
     * @param receiptAction the {@code receipt.action} object without {@code topicArn}, in SES's
     *                      member order (e.g. {@code type: S3, bucketName, objectKey}); the topic
     *                      is inserted after {@code type}
     */
    public static void publishIfAsked(TopicPublisher topics, ActionSpec action, ActionContext context,
                                      Map<String, Object> receiptAction) throws Exception {
        String topicArn = action.get(CommonChecks.TOPIC_ARN);
        if (topicArn == null || topicArn.isEmpty()) {
            return;
        }
        topics.publish(topicArn, SUBJECT, context.notificationJson(withTopic(receiptAction, topicArn), NotificationContent.NONE));
    }

    /** {@code receiptAction} with {@code topicArn} right after {@code type}, as SES orders them. */
    public static Map<String, Object> withTopic(Map<String, Object> receiptAction, String topicArn) {
        Map<String, Object> ordered = new LinkedHashMap<>();
        receiptAction.forEach((key, value) -> {
            ordered.put(key, value);
            if (key.equals("type")) {
                ordered.put("topicArn", topicArn);
            }
        });
        ordered.putIfAbsent("topicArn", topicArn);
        return ordered;
    }
}

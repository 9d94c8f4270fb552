package io.inlet.config.identity.notifications;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;

/**
 * The notification attributes of one identity, stored as its {@code notifications} attribute.
 * The sending code reads them with {@link #of}: where to publish bounce, complaint and delivery
 * notifications, whether to forward feedback by email, and whether to include the original
 * headers. An identity never configured has {@link #DEFAULTS} (forwarding on, no topics, no
 * headers: SES's defaults, moto M-NT-03).
 *
 * @param bounceTopic    SNS topic ARN, or null
 * @param complaintTopic SNS topic ARN, or null
 * @param deliveryTopic  SNS topic ARN, or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record NotificationSettings(String bounceTopic, String complaintTopic, String deliveryTopic,
                                   boolean forwardingEnabled, boolean headersInBounce,
                                   boolean headersInComplaint, boolean headersInDelivery) {

    /** The attribute name in the store. */
    public static final String ATTRIBUTE = "notifications";
    public static final NotificationSettings DEFAULTS =
            new NotificationSettings(null, null, null, true, false, false, false);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The identity's settings, {@link #DEFAULTS} when it has none. */
    public static NotificationSettings of(StoreTransaction tx, Scope scope, String identity) {
        return tx.identityAttribute(scope, identity, ATTRIBUTE).map(NotificationSettings::fromJson).orElse(DEFAULTS);
    }

    static NotificationSettings fromJson(String json) {
        try {
            return JSON.readValue(json, NotificationSettings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored notification settings are not readable: " + json, e);
        }
    }

    String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The topic of one type, or null when none is set. */
    public String topic(NotificationType type) {
        return switch (type) {
            case BOUNCE -> bounceTopic;
            case COMPLAINT -> complaintTopic;
            case DELIVERY -> deliveryTopic;
        };
    }

    public boolean headersIncluded(NotificationType type) {
        return switch (type) {
            case BOUNCE -> headersInBounce;
            case COMPLAINT -> headersInComplaint;
            case DELIVERY -> headersInDelivery;
        };
    }

    /** Feedback forwarding may be off only while both feedback kinds have somewhere else to go. */
    @JsonIgnore
    public boolean feedbackTopicsSet() {
        return bounceTopic != null && complaintTopic != null;
    }

    NotificationSettings withTopic(NotificationType type, String arn) {
        NotificationSettings next = new NotificationSettings(
                type == NotificationType.BOUNCE ? arn : bounceTopic,
                type == NotificationType.COMPLAINT ? arn : complaintTopic,
                type == NotificationType.DELIVERY ? arn : deliveryTopic,
                forwardingEnabled, headersInBounce, headersInComplaint, headersInDelivery);
        // Clearing a bounce or complaint topic while forwarding is off would leave that feedback
        // going nowhere. What SES does then is not documented; Inlet keeps the invariant of
        // SetIdentityFeedbackForwardingEnabled (off only with both topics) by turning forwarding on.
        return next.feedbackTopicsSet() ? next : next.withForwarding(true);
    }

    NotificationSettings withForwarding(boolean enabled) {
        return new NotificationSettings(bounceTopic, complaintTopic, deliveryTopic, enabled,
                headersInBounce, headersInComplaint, headersInDelivery);
    }

    NotificationSettings withHeaders(NotificationType type, boolean enabled) {
        return new NotificationSettings(bounceTopic, complaintTopic, deliveryTopic, forwardingEnabled,
                type == NotificationType.BOUNCE ? enabled : headersInBounce,
                type == NotificationType.COMPLAINT ? enabled : headersInComplaint,
                type == NotificationType.DELIVERY ? enabled : headersInDelivery);
    }
}

package io.inlet.config.identity;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification-attribute operations on the store (issue 6 item 2; SES-RECEIVING.md §6.7;
 * peers.md M-NT-01..04, G-NT-05/06).
 */
class NotificationAttributesOperationsTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final Scope WEST = new Scope("123456789012", "us-west-2");
    static final String BOUNCES = "arn:aws:sns:us-east-1:123456789012:bounces";
    static final String COMPLAINTS = "arn:aws:sns:us-east-1:123456789012:complaints";

    @TempDir
    Path dir;
    SqliteStore store;
    ApiCalls api;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        api = new ApiCalls(new IdentityOperations(store, IdentitySettings.defaults(),
                (d, t) -> DomainVerificationChecker.Outcome.NOT_FOUND, Clock.systemUTC()).operations());
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
    }

    @AfterEach
    void close() {
        store.close();
    }

    Map<String, String> attributes(String identity) {
        return api.call(EAST, "GetIdentityNotificationAttributes", "Identities.member.1", identity)
                .map("NotificationAttributes").get(identity);
    }

    @Test
    void defaultsForwardingOnNoTopicsNoHeaders_M_NT_03() {
        assertThat(attributes("example.com")).containsExactly(
                Map.entry("ForwardingEnabled", "true"),
                Map.entry("HeadersInBounceNotificationsEnabled", "false"),
                Map.entry("HeadersInComplaintNotificationsEnabled", "false"),
                Map.entry("HeadersInDeliveryNotificationsEnabled", "false"));
    }

    @Test
    void topicsAreReturnedOnceSetAndClearedWithoutSnsTopic_G_NT_05() {
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Bounce",
                "SnsTopic", BOUNCES);
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "EXAMPLE.com", "NotificationType", "Delivery",
                "SnsTopic", "arn:aws:sns:us-east-1:123456789012:deliveries.fifo");
        assertThat(attributes("example.com")).containsEntry("BounceTopic", BOUNCES)
                .containsEntry("DeliveryTopic", "arn:aws:sns:us-east-1:123456789012:deliveries.fifo")
                .doesNotContainKey("ComplaintTopic");

        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Bounce");
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Delivery",
                "SnsTopic", "");
        assertThat(attributes("example.com")).doesNotContainKeys("BounceTopic", "DeliveryTopic");
    }

    @Test
    void setNotificationTopicErrors() {
        SesException type = api.error(EAST, "SetIdentityNotificationTopic", "Identity", "example.com",
                "NotificationType", "bounce", "SnsTopic", BOUNCES);
        assertThat(type.code()).isEqualTo("InvalidParameterValue");
        assertThat(type.getMessage()).isEqualTo("Invalid notification type: bounce. Valid values are: Bounce, Complaint, Delivery.");

        SesException topic = api.error(EAST, "SetIdentityNotificationTopic", "Identity", "example.com",
                "NotificationType", "Bounce", "SnsTopic", "arn:aws:sqs:us-east-1:123456789012:queue");
        assertThat(topic.code()).isEqualTo("InvalidParameterValue");
        assertThat(topic.getMessage()).isEqualTo("Invalid SNS topic: arn:aws:sqs:us-east-1:123456789012:queue");

        SesException unknown = api.error(EAST, "SetIdentityNotificationTopic", "Identity", "unknown@example.org",
                "NotificationType", "Bounce", "SnsTopic", BOUNCES);
        assertThat(unknown.code()).isEqualTo("MessageRejected");
        assertThat(unknown.getMessage()).isEqualTo("Identity unknown@example.org is not verified or does not exist.");

        SesException missing = api.error(EAST, "SetIdentityNotificationTopic", "Identity", "example.com");
        assertThat(missing.code()).isEqualTo("ValidationError");
        assertThat(missing.getMessage()).isEqualTo("1 validation error detected: Value null at 'notificationType' "
                + "failed to satisfy constraint: Member must not be null");
    }

    @Test
    void forwardingCanBeDisabledOnlyWithBounceAndComplaintTopics_M_NT_04() {
        SesException refused = api.error(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com",
                "ForwardingEnabled", "false");
        assertThat(refused.code()).isEqualTo("InvalidParameterValue");
        assertThat(refused.getMessage()).isEqualTo("Feedback forwarding can be disabled only when SNS topics are set "
                + "for both Bounce and Complaint notifications of identity example.com.");

        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Bounce", "SnsTopic", BOUNCES);
        assertThat(api.error(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com",
                "ForwardingEnabled", "false").code()).isEqualTo("InvalidParameterValue");
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Complaint",
                "SnsTopic", COMPLAINTS);
        api.call(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com", "ForwardingEnabled", "false");
        assertThat(attributes("example.com")).containsEntry("ForwardingEnabled", "false");

        api.call(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com", "ForwardingEnabled", "true");
        assertThat(attributes("example.com")).containsEntry("ForwardingEnabled", "true");
    }

    @Test
    void clearingAFeedbackTopicTurnsForwardingBackOn() {
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Bounce", "SnsTopic", BOUNCES);
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Complaint", "SnsTopic", COMPLAINTS);
        api.call(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com", "ForwardingEnabled", "0");
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Complaint");
        assertThat(attributes("example.com")).containsEntry("ForwardingEnabled", "true").doesNotContainKey("ComplaintTopic");
    }

    @Test
    void forwardingNeedsAnXsdBoolean() {
        SesException e = api.error(EAST, "SetIdentityFeedbackForwardingEnabled", "Identity", "example.com",
                "ForwardingEnabled", "yes");
        assertThat(e.code()).isEqualTo("MalformedInput");
        assertThat(e.getMessage()).isEqualTo("boolean must follow xsd1.1 definition");
    }

    @Test
    void headersInNotificationsPerTypeAndIdempotent_G_NT_06() {
        api.call(EAST, "SetIdentityHeadersInNotificationsEnabled", "Identity", "example.com",
                "NotificationType", "Complaint", "Enabled", "true");
        api.call(EAST, "SetIdentityHeadersInNotificationsEnabled", "Identity", "example.com",
                "NotificationType", "Complaint", "Enabled", "true");
        assertThat(attributes("example.com")).containsEntry("HeadersInComplaintNotificationsEnabled", "true")
                .containsEntry("HeadersInBounceNotificationsEnabled", "false")
                .containsEntry("HeadersInDeliveryNotificationsEnabled", "false");

        assertThat(api.error(EAST, "SetIdentityHeadersInNotificationsEnabled", "Identity", "example.com",
                "NotificationType", "InvalidType", "Enabled", "true").getMessage())
                .isEqualTo("Invalid notification type: InvalidType. Valid values are: Bounce, Complaint, Delivery.");
        SesException unknown = api.error(EAST, "SetIdentityHeadersInNotificationsEnabled", "Identity",
                "unknown@example.com", "NotificationType", "Bounce", "Enabled", "true");
        assertThat(unknown.code()).isEqualTo("MessageRejected");
        assertThat(unknown.getMessage()).isEqualTo("Identity unknown@example.com is not verified or does not exist.");
    }

    @Test
    void getAcceptsArnsKeysAsRequestedAndOmitsUnknownOrForeignIdentities() {
        String arn = "arn:aws:ses:us-east-1:123456789012:identity/example.com";
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", arn, "NotificationType", "Bounce", "SnsTopic", BOUNCES);
        var map = api.call(EAST, "GetIdentityNotificationAttributes", "Identities.member.1", arn,
                "Identities.member.2", "Example.COM", "Identities.member.3", "nobody@example.net",
                "Identities.member.4", "arn:aws:ses:us-east-1:999999999999:identity/example.com")
                .map("NotificationAttributes");
        assertThat(map).containsOnlyKeys(arn, "Example.COM");
        assertThat(map.get("Example.COM")).containsEntry("BounceTopic", BOUNCES);

        assertThat(api.call(WEST, "GetIdentityNotificationAttributes", "Identities.member.1", "example.com")
                .map("NotificationAttributes")).isEmpty();
        assertThat(api.error(EAST, "GetIdentityNotificationAttributes", "Identities.member.1", "not an identity")
                .getMessage()).isEqualTo("Identity \"not an identity\" is invalid. Must be a verified email address or domain.");
        assertThat(api.error(EAST, "GetIdentityNotificationAttributes").getMessage()).isEqualTo(
                "1 validation error detected: Value null at 'identities' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void deletingTheIdentityDeletesItsSettings() {
        api.call(EAST, "SetIdentityNotificationTopic", "Identity", "example.com", "NotificationType", "Bounce", "SnsTopic", BOUNCES);
        api.call(EAST, "DeleteIdentity", "Identity", "example.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        assertThat(attributes("example.com")).doesNotContainKey("BounceTopic").containsEntry("ForwardingEnabled", "true");
    }
}

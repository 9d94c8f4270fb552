package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityNotificationAttributes;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;

import java.nio.file.Path;
import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The notification-attribute operations through the SDK: SetIdentityNotificationTopic,
 * SetIdentityFeedbackForwardingEnabled, SetIdentityHeadersInNotificationsEnabled and
 * GetIdentityNotificationAttributes (issue 6 item 2; SES-RECEIVING.md §6.7; peers.md M-NT, G-NT).
 */
class NotificationAttributesApiTest {
    static final String BOUNCES = "arn:aws:sns:us-east-1:" + RunningInlet.ACCOUNT + ":ses-bounces";
    static final String COMPLAINTS = "arn:aws:sns:us-east-1:" + RunningInlet.ACCOUNT + ":ses-complaints";
    static final String DELIVERIES = "arn:aws:sns:us-east-1:" + RunningInlet.ACCOUNT + ":ses-deliveries";

    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
        ses = inlet.ses();
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    static String domain() {
        String domain = unique("notify") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        return domain;
    }

    static IdentityNotificationAttributes attributes(String identity) {
        Map<String, IdentityNotificationAttributes> map =
                ses.getIdentityNotificationAttributes(b -> b.identities(identity)).notificationAttributes();
        assertThat(map).containsOnlyKeys(identity);
        return map.get(identity);
    }

    static void topic(String identity, NotificationType type, String arn) {
        ses.setIdentityNotificationTopic(b -> b.identity(identity).notificationType(type).snsTopic(arn));
    }

    @Test
    void getIdentityNotificationAttributesDefaultsForVerifiedAndPendingIdentities() {
        String address = unique("user") + "@example.org";
        ses.verifyEmailIdentity(b -> b.emailAddress(address));
        String domain = domain();

        Map<String, IdentityNotificationAttributes> map = ses.getIdentityNotificationAttributes(
                b -> b.identities(address, domain, "nobody@unknown.example")).notificationAttributes();

        assertThat(map).containsOnlyKeys(address, domain);
        IdentityNotificationAttributes a = map.get(address);
        assertThat(a.forwardingEnabled()).isTrue();
        assertThat(a.headersInBounceNotificationsEnabled()).isFalse();
        assertThat(a.headersInComplaintNotificationsEnabled()).isFalse();
        assertThat(a.headersInDeliveryNotificationsEnabled()).isFalse();
        assertThat(a.bounceTopic()).isNull();
        assertThat(a.complaintTopic()).isNull();
        assertThat(a.deliveryTopic()).isNull();
    }

    @Test
    void setIdentityNotificationTopicSetsAndClearsEachType() {
        String domain = domain();
        topic(domain, NotificationType.BOUNCE, BOUNCES);
        topic(domain, NotificationType.COMPLAINT, COMPLAINTS);
        topic(domain, NotificationType.DELIVERY, DELIVERIES);

        IdentityNotificationAttributes set = attributes(domain);
        assertThat(set.bounceTopic()).isEqualTo(BOUNCES);
        assertThat(set.complaintTopic()).isEqualTo(COMPLAINTS);
        assertThat(set.deliveryTopic()).isEqualTo(DELIVERIES);

        ses.setIdentityNotificationTopic(b -> b.identity(domain).notificationType(NotificationType.DELIVERY));
        IdentityNotificationAttributes cleared = attributes(domain);
        assertThat(cleared.deliveryTopic()).isNull();
        assertThat(cleared.bounceTopic()).isEqualTo(BOUNCES);
    }

    @Test
    void setIdentityNotificationTopicByArn() {
        String domain = domain();
        String arn = "arn:aws:ses:us-east-1:" + RunningInlet.ACCOUNT + ":identity/" + domain;
        topic(arn, NotificationType.BOUNCE, BOUNCES);
        assertThat(attributes(domain).bounceTopic()).isEqualTo(BOUNCES);
        assertThat(attributes(arn).bounceTopic()).isEqualTo(BOUNCES);
    }

    @Test
    void setIdentityNotificationTopicErrors() {
        String domain = domain();
        assertInvalidParameter(() -> ses.setIdentityNotificationTopic(
                        b -> b.identity(domain).notificationType("Bounces").snsTopic(BOUNCES)),
                "Invalid notification type: Bounces. Valid values are: Bounce, Complaint, Delivery.");
        assertInvalidParameter(() -> topic(domain, NotificationType.BOUNCE, "not-an-arn"), "Invalid SNS topic: not-an-arn");
        assertSesError(() -> topic("ghost.example.com", NotificationType.BOUNCE, BOUNCES), MessageRejectedException.class,
                "MessageRejected", "Identity ghost.example.com is not verified or does not exist.");
        assertSesError(() -> topic("arn:aws:ses:us-east-1:999999999999:identity/" + domain, NotificationType.BOUNCE,
                        BOUNCES), MessageRejectedException.class, "MessageRejected",
                "Identity arn:aws:ses:us-east-1:999999999999:identity/" + domain + " is not verified or does not exist.");
        assertThat(inlet.ses("eu-west-1").getIdentityNotificationAttributes(b -> b.identities(domain))
                .notificationAttributes()).as("identities are per region").isEmpty();
    }

    @Test
    void setIdentityFeedbackForwardingEnabledNeedsBounceAndComplaintTopicsToDisable() {
        String domain = domain();
        assertInvalidParameter(() -> ses.setIdentityFeedbackForwardingEnabled(
                        b -> b.identity(domain).forwardingEnabled(false)),
                "Feedback forwarding can be disabled only when SNS topics are set for both Bounce and Complaint "
                        + "notifications of identity " + domain + ".");

        topic(domain, NotificationType.BOUNCE, BOUNCES);
        topic(domain, NotificationType.COMPLAINT, COMPLAINTS);
        ses.setIdentityFeedbackForwardingEnabled(b -> b.identity(domain).forwardingEnabled(false));
        assertThat(attributes(domain).forwardingEnabled()).isFalse();

        ses.setIdentityFeedbackForwardingEnabled(b -> b.identity(domain).forwardingEnabled(true));
        assertThat(attributes(domain).forwardingEnabled()).isTrue();

        assertSesError(() -> ses.setIdentityFeedbackForwardingEnabled(b -> b.identity("ghost.example.com")
                .forwardingEnabled(true)), MessageRejectedException.class, "MessageRejected",
                "Identity ghost.example.com is not verified or does not exist.");
    }

    @Test
    void setIdentityHeadersInNotificationsEnabledPerType() {
        String domain = domain();
        ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity(domain).notificationType(NotificationType.BOUNCE)
                .enabled(true));
        ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity(domain).notificationType(NotificationType.DELIVERY)
                .enabled(true));
        ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity(domain).notificationType(NotificationType.DELIVERY)
                .enabled(false));

        IdentityNotificationAttributes a = attributes(domain);
        assertThat(a.headersInBounceNotificationsEnabled()).isTrue();
        assertThat(a.headersInComplaintNotificationsEnabled()).isFalse();
        assertThat(a.headersInDeliveryNotificationsEnabled()).isFalse();

        assertInvalidParameter(() -> ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity(domain)
                        .notificationType("InvalidType").enabled(true)),
                "Invalid notification type: InvalidType. Valid values are: Bounce, Complaint, Delivery.");
        assertSesError(() -> ses.setIdentityHeadersInNotificationsEnabled(b -> b.identity("unknown@example.com")
                        .notificationType(NotificationType.BOUNCE).enabled(true)), MessageRejectedException.class,
                "MessageRejected", "Identity unknown@example.com is not verified or does not exist.");
    }

    @Test
    void getIdentityNotificationAttributesErrors() {
        assertInvalidParameter(() -> ses.getIdentityNotificationAttributes(b -> b.identities("bad identity")),
                "Identity \"bad identity\" is invalid. Must be a verified email address or domain.");
        String[] many = new String[101];
        for (int i = 0; i < many.length; i++) {
            many[i] = "d" + i + ".example.com";
        }
        assertValidationError(() -> ses.getIdentityNotificationAttributes(b -> b.identities(many)),
                "1 validation error detected: Value at 'identities' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
    }

    @Test
    void settingsSurviveARestart() {
        String domain = domain();
        topic(domain, NotificationType.COMPLAINT, COMPLAINTS);
        inlet.restart();
        ses = inlet.ses();
        assertThat(attributes(domain).complaintTopic()).isEqualTo(COMPLAINTS);
    }
}

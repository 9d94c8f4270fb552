package io.inlet.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.deploy.it.RunningInlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.NotificationType;
import software.amazon.awssdk.services.ses.model.SendDataPoint;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sending feedback through the running daemon (issue 6 item 2): a message to one recipient the
 * relay accepts and one it refuses with 550 gives a Delivery notification and a Bounce notification
 * on the identity's topics (SNS subscriptions to a local HTTP recorder), a Bounces count in
 * GetSendStatistics, and (feedback forwarding on by default) a forwarded bounce to the Return-Path.
 */
class SendingNotificationsTest {
    static final Duration WAIT = Duration.ofSeconds(30);
    static final String DELIVERIES = "arn:aws:sns:us-east-1:111122223333:ses-deliveries";
    static final String BOUNCES = "arn:aws:sns:us-east-1:111122223333:ses-bounces";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningInlet daemon;
    static RelaySink relay;
    static HttpRecorder http;
    static SesClient ses;

    @BeforeAll
    static void start() throws IOException {
        relay = new RelaySink().reject("gone@far.test");
        http = new HttpRecorder();
        Map<String, String> settings = new HashMap<>();
        settings.put("actions.sns.subscriptions",
                DELIVERIES + "=" + http.url("/deliveries") + "," + BOUNCES + "=" + http.url("/bounces"));
        daemon = RunningInlet.start(dir.resolve("data"), relay.settings(settings));
        ses = SendingTest.noRetries(daemon);
        ses.verifyDomainIdentity(r -> r.domain("notify.test"));
        ses.setIdentityNotificationTopic(r -> r.identity("notify.test").notificationType(NotificationType.DELIVERY)
                .snsTopic(DELIVERIES));
        ses.setIdentityNotificationTopic(r -> r.identity("notify.test").notificationType(NotificationType.BOUNCE)
                .snsTopic(BOUNCES));
    }

    @AfterAll
    static void close() throws Exception {
        Resources.closeAll(daemon, relay, http);
    }

    static JsonNode awaitNotification(String path, String messageId) {
        return await().atMost(WAIT).until(() -> http.requests(path).stream()
                .map(r -> {
                    try {
                        return JSON.readTree(JSON.readTree(r.body()).path("Message").asText());
                    } catch (IOException e) {
                        return null;
                    }
                })
                .filter(n -> n != null && n.path("mail").path("messageId").asText().equals(messageId))
                .findFirst().orElse(null), n -> n != null);
    }

    @Test
    void deliveryAndBounceArePublishedCountedAndForwarded() {
        String messageId = ses.sendEmail(SendingTest.simple("sender@notify.test", "ok@far.test", "gone@far.test"))
                .messageId();

        JsonNode delivery = awaitNotification("/deliveries", messageId);
        assertThat(delivery.path("notificationType").asText()).isEqualTo("Delivery");
        assertThat(delivery.path("mail").path("source").asText()).isEqualTo("sender@notify.test");
        assertThat(delivery.path("mail").path("sendingAccountId").asText()).isEqualTo(RunningInlet.ACCOUNT);
        assertThat(delivery.path("mail").path("sourceArn").asText())
                .isEqualTo("arn:aws:ses:us-east-1:" + RunningInlet.ACCOUNT + ":identity/notify.test");
        assertThat(delivery.path("mail").path("destination").toString()).contains("ok@far.test", "gone@far.test");
        assertThat(delivery.path("mail").has("headers")).isFalse(); // headers-in-notifications is off
        assertThat(delivery.path("delivery").path("recipients").toString()).isEqualTo("[\"ok@far.test\"]");
        assertThat(delivery.path("delivery").path("smtpResponse").asText()).startsWith("250");
        assertThat(delivery.path("delivery").path("remoteMtaIp").asText()).isEqualTo("127.0.0.1");
        assertThat(delivery.path("delivery").path("processingTimeMillis").isNumber()).isTrue();

        JsonNode bounce = awaitNotification("/bounces", messageId);
        assertThat(bounce.path("notificationType").asText()).isEqualTo("Bounce");
        assertThat(bounce.path("bounce").path("bounceType").asText()).isEqualTo("Permanent");
        assertThat(bounce.path("bounce").path("bounceSubType").asText()).isEqualTo("General");
        JsonNode bounced = bounce.path("bounce").path("bouncedRecipients").get(0);
        assertThat(bounced.path("emailAddress").asText()).isEqualTo("gone@far.test");
        assertThat(bounced.path("action").asText()).isEqualTo("failed");
        assertThat(bounced.path("status").asText()).isEqualTo("5.1.1");
        assertThat(bounced.path("diagnosticCode").asText()).startsWith("smtp; 550");
        assertThat(bounce.path("bounce").path("feedbackId").asText()).isNotEmpty();
        // the Delivery topic only gets deliveries, the Bounce topic only bounces
        assertThat(http.requests("/deliveries")).hasSize(1);
        assertThat(http.requests("/bounces")).hasSize(1);

        // forwarding is on by default: the bounce also goes to the Return-Path, from the null sender
        RelaySink.Received forwarded = await().atMost(WAIT).until(() -> relay.received().stream()
                .filter(r -> r.mailFrom().isEmpty() && r.recipients().contains("sender@notify.test"))
                .findFirst().orElse(null), r -> r != null);
        assertThat(forwarded.text()).contains("gone@far.test").contains("Status: 5.1.1");

        await().atMost(WAIT).until(() -> ses.getSendStatistics().sendDataPoints().stream()
                .mapToLong(SendDataPoint::bounces).sum() == 1);
    }
}

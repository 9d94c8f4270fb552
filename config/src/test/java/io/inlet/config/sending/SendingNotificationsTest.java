package io.inlet.config.sending;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.identity.notifications.NotificationSettings;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.spi.TopicPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.inlet.config.sending.SendingFixture.between;
import static org.assertj.core.api.Assertions.assertThat;

/** The SES sending notifications built from outbound outcomes, the Bounces count and feedback forwarding. */
class SendingNotificationsTest {
    static final Scope EAST = new Scope("111122223333", "us-east-1");
    static final Instant START = Instant.parse("2026-03-01T10:01:00Z");
    static final String BOUNCES = "arn:aws:sns:us-east-1:111122223333:bounces";
    static final String DELIVERIES = "arn:aws:sns:us-east-1:111122223333:deliveries";
    static final ObjectMapper JSON = new ObjectMapper();

    record Published(String topic, String subject, JsonNode message) {
    }

    @TempDir
    Path dir;
    SqliteStore store;
    SendingFixture f;
    final List<Published> published = new CopyOnWriteArrayList<>();
    SendingNotifications notifications;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        f = new SendingFixture(store, new SendingSettings(200, 1000), START);
        f.verify(EAST, "example.com");
        TopicPublisher topics = new TopicPublisher() {
            @Override
            public String publish(String topicArn, String subject, String message) throws Exception {
                published.add(new Published(topicArn, subject, JSON.readTree(message)));
                return "sns-" + published.size();
            }

            @Override
            public boolean canPublish(String topicArn) {
                return true;
            }
        };
        notifications = new SendingNotifications(store, topics, f.outbound, "mx.inlet.test", f.clock);
    }

    @AfterEach
    void close() {
        store.close();
    }

    void settings(String identity, NotificationSettings settings) throws Exception {
        String json = JSON.writeValueAsString(settings);
        store.write(tx -> {
            tx.putIdentityAttribute(EAST, identity, NotificationSettings.ATTRIBUTE, json);
            return null;
        });
    }

    String send() {
        return between(f.call(EAST, "SendEmail", "Source", "Ann <ann@example.com>",
                "Destination.ToAddresses.member.1", "ok@far.test", "Destination.ToAddresses.member.2", "gone@far.test",
                "Message.Subject.Data", "Hello", "Message.Body.Text.Data", "Hi"), "MessageId");
    }

    @Test
    void sendEmailTagsWhatTheNotificationsNeed() {
        String id = send();
        Map<String, String> tags = f.outbound.tags.get(0);
        assertThat(tags).containsEntry(SendingNotifications.MESSAGE_ID, id)
                .containsEntry(SendingNotifications.ACCOUNT, "111122223333")
                .containsEntry(SendingNotifications.REGION, "us-east-1")
                .containsEntry(SendingNotifications.SOURCE, "ann@example.com")
                .containsEntry(SendingNotifications.RETURN_PATH, "ann@example.com")
                .containsEntry(SendingNotifications.SENT_AT, "2026-03-01T10:01:00.000Z");
        assertThat(tags.get(SendingNotifications.DESTINATION)).isEqualTo("[\"ok@far.test\",\"gone@far.test\"]");
        assertThat(tags.get(SendingNotifications.HEADERS)).contains("\"name\":\"Subject\",\"value\":\"Hello\"");
    }

    @Test
    void deliveryAndBounceNotificationsWithHeadersCountedAndForwarded() throws Exception {
        settings("example.com", new NotificationSettings(BOUNCES, null, DELIVERIES, true, true, false, false));
        String id = send();
        Map<String, String> tags = f.outbound.tags.get(0);
        f.clock.advance(Duration.ofSeconds(2));
        Instant at = f.clock.instant();

        notifications.onOutcome("q1", tags, "ok@far.test", true, "250 2.0.0 Ok: queued as 123",
                "mx.far.test[192.0.2.7]:25", at);
        notifications.onOutcome("q1", tags, "gone@far.test", false, "550 5.1.1 <gone@far.test>: no such user",
                "mx.far.test[192.0.2.7]:25", at);

        assertThat(published).hasSize(2);
        Published delivery = published.get(0);
        assertThat(delivery.topic()).isEqualTo(DELIVERIES);
        assertThat(delivery.subject()).isNull();
        JsonNode d = delivery.message();
        assertThat(d.path("notificationType").asText()).isEqualTo("Delivery");
        assertThat(d.path("mail").path("messageId").asText()).isEqualTo(id);
        assertThat(d.path("mail").path("timestamp").asText()).isEqualTo("2026-03-01T10:01:00.000Z");
        assertThat(d.path("mail").path("source").asText()).isEqualTo("ann@example.com");
        assertThat(d.path("mail").path("sourceArn").asText())
                .isEqualTo("arn:aws:ses:us-east-1:111122223333:identity/example.com");
        assertThat(d.path("mail").path("sendingAccountId").asText()).isEqualTo("111122223333");
        assertThat(d.path("mail").has("headers")).isFalse(); // headers only in bounces for this identity
        assertThat(d.path("delivery").path("processingTimeMillis").asLong()).isEqualTo(2000);
        assertThat(d.path("delivery").path("recipients").get(0).asText()).isEqualTo("ok@far.test");
        assertThat(d.path("delivery").path("smtpResponse").asText()).isEqualTo("250 2.0.0 Ok: queued as 123");
        assertThat(d.path("delivery").path("reportingMTA").asText()).isEqualTo("mx.inlet.test");
        assertThat(d.path("delivery").path("remoteMtaIp").asText()).isEqualTo("192.0.2.7");
        assertThat(d.path("delivery").path("timestamp").asText()).isEqualTo("2026-03-01T10:01:02.000Z");

        Published bounce = published.get(1);
        assertThat(bounce.topic()).isEqualTo(BOUNCES);
        JsonNode b = bounce.message();
        assertThat(b.path("notificationType").asText()).isEqualTo("Bounce");
        assertThat(b.path("bounce").path("bounceType").asText()).isEqualTo("Permanent");
        assertThat(b.path("bounce").path("bounceSubType").asText()).isEqualTo("General");
        JsonNode r = b.path("bounce").path("bouncedRecipients").get(0);
        assertThat(r.path("emailAddress").asText()).isEqualTo("gone@far.test");
        assertThat(r.path("action").asText()).isEqualTo("failed");
        assertThat(r.path("status").asText()).isEqualTo("5.1.1");
        assertThat(r.path("diagnosticCode").asText()).isEqualTo("smtp; 550 5.1.1 <gone@far.test>: no such user");
        assertThat(b.path("bounce").path("reportingMTA").asText()).isEqualTo("dns; mx.inlet.test");
        assertThat(b.path("bounce").path("feedbackId").asText()).matches("[0-9a-f]{16}-.*-000000");
        assertThat(b.path("mail").path("headersTruncated").asBoolean()).isFalse();
        assertThat(b.path("mail").path("headers").toString()).contains("{\"name\":\"Subject\",\"value\":\"Hello\"}");
        JsonNode common = b.path("mail").path("commonHeaders");
        assertThat(common.path("from").get(0).asText()).isEqualTo("Ann <ann@example.com>");
        assertThat(common.path("to").toString()).isEqualTo("[\"ok@far.test\",\"gone@far.test\"]");
        assertThat(common.path("subject").asText()).isEqualTo("Hello");

        // Bounces in GetSendStatistics
        String stats = f.call(EAST, "GetSendStatistics");
        assertThat(between(stats, "Bounces")).isEqualTo("1");

        // forwarding on: a bounce message to the Return-Path from the null sender
        SendingFixture.Queued forwarded = f.outbound.queued.get(1);
        assertThat(forwarded.mailFrom()).isEmpty();
        assertThat(forwarded.recipients()).containsExactly("ann@example.com");
        assertThat(forwarded.message()).contains("Final-Recipient: rfc822; gone@far.test")
                .contains("Status: 5.1.1").contains("X-Original-Message-ID: " + id)
                .contains("From: MAILER-DAEMON@mx.inlet.test");
        assertThat(f.outbound.tags).hasSize(1); // the forwarded bounce is untagged: no feedback loop
    }

    @Test
    void noTopicsAndForwardingOffPublishesAndForwardsNothing() throws Exception {
        settings("example.com", new NotificationSettings(BOUNCES, "arn:aws:sns:us-east-1:111122223333:c", null,
                false, false, false, false));
        send();
        Map<String, String> tags = f.outbound.tags.get(0);
        notifications.onOutcome("q1", tags, "ok@far.test", true, "250 ok", "", f.clock.instant());
        notifications.onOutcome("q1", tags, "gone@far.test", false, "554 expired", "", f.clock.instant());
        assertThat(published).hasSize(1); // only the bounce; no delivery topic
        assertThat(published.get(0).message().path("bounce").path("bouncedRecipients").get(0).path("status").asText())
                .isEqualTo("5.0.0");
        assertThat(published.get(0).message().path("bounce").path("bounceType").asText()).isEqualTo("Permanent");
        notifications.onOutcome("q1", tags, "slow@far.test", false,
                "554 5.4.7 delivery time expired after PT120H and 30 attempts; last reply: 451 4.7.1 greylisted", "",
                f.clock.instant());
        assertThat(published.get(1).message().path("bounce").path("bounceType").asText()).isEqualTo("Transient");
        assertThat(f.outbound.queued).hasSize(1); // nothing forwarded
    }

    @Test
    void theEmailIdentitysSettingsWinAndUntaggedOutcomesAreIgnored() throws Exception {
        f.verify(EAST, "ann@example.com");
        settings("example.com", new NotificationSettings(BOUNCES, null, null, true, false, false, false));
        settings("ann@example.com", new NotificationSettings(null, null, DELIVERIES, true, false, false, false));
        send();
        Map<String, String> tags = f.outbound.tags.get(0);
        notifications.onOutcome("q1", tags, "ok@far.test", true, "250 ok", "", f.clock.instant());
        notifications.onOutcome("q1", tags, "gone@far.test", false, "550 no", "", f.clock.instant());
        notifications.onOutcome("q2", Map.of(), "x@far.test", false, "550 no", "", f.clock.instant());
        assertThat(published).extracting(Published::topic).containsExactly(DELIVERIES);
        assertThat(published.get(0).message().path("mail").path("sourceArn").asText())
                .endsWith(":identity/ann@example.com");
        assertThat(f.outbound.queued).hasSize(2); // the tagged bounce was forwarded (forwarding on); the untagged not
    }
}

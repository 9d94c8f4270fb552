package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.MessageContent;
import io.inlet.rules.spi.NotificationContent;
import io.inlet.rules.spi.PermanentFailureException;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.field.ContentTypeField;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Bounce action on a received message: the DSN it queues (parsed back with Mime4j), its notification, its validation. */
class BounceActionTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:bounces";
    private static final String ORIGINAL_HEADERS = "Return-Path: <alice@sender.example>\r\n"
            + "From: Alice <alice@sender.example>\r\n"
            + "To: bob@example.com, carol@example.com\r\n"
            + "Subject: Hi\r\n"
            + " folded\r\n";
    private static final String RAW = ORIGINAL_HEADERS + "\r\nthe body, never returned\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final RecordingOutbound outbound = new RecordingOutbound();
    private final RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));

    @Test
    void queuesTheDsnSesSendsWithTheNullSenderToTheMailFrom() throws Exception {
        ActionContext context = envelope(TestActionContext.withMessage(dir, "m1", RAW),
                "alice@sender.example", List.of("bob@example.com", "carol@example.com"));

        ActionOutcome outcome = started().execute(bounce("550", "5.1.1", "Mailbox does not exist"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(outbound.queued).hasSize(1);
        RecordingOutbound.Queued queued = outbound.queued.get(0);
        assertThat(queued.mailFrom()).isEmpty();
        assertThat(queued.recipients()).containsExactly("alice@sender.example");
        assertThat(queued.text()).doesNotContainPattern("[^\r]\n").doesNotContain("the body, never returned");

        Message dsn = parse(queued.message());
        assertThat(field(dsn, "From")).isEqualTo("bounce@example.com");
        assertThat(field(dsn, "To")).isEqualTo("alice@sender.example");
        assertThat(field(dsn, "Subject")).isEqualTo("Delivery Status Notification (Failure)");
        assertThat(field(dsn, "Date")).isEqualTo("Wed, 1 May 2024 10:00:00 +0000");
        assertThat(field(dsn, "Message-ID")).matches("<[^@<>\\s]+@mx\\.inlet\\.test>");
        assertThat(field(dsn, "MIME-Version")).isEqualTo("1.0");
        ContentTypeField contentType = (ContentTypeField) dsn.getHeader().getField("Content-Type");
        assertThat(contentType.getMimeType()).isEqualTo("multipart/report");
        assertThat(contentType.getParameter("report-type")).isEqualTo("delivery-status");
        assertThat(contentType.getBoundary()).isNotBlank();

        List<Entity> parts = ((Multipart) dsn.getBody()).getBodyParts();
        assertThat(parts).hasSize(3);
        assertPart(parts.get(0), "text/plain", "Notification", "This message could not be delivered.");
        assertThat(((ContentTypeField) parts.get(0).getHeader().getField("Content-Type")).getCharset()).isEqualTo("us-ascii");
        assertPart(parts.get(1), "message/delivery-status", "Delivery Status Notification",
                "Reporting-MTA: dns; mx.inlet.test\r\n"
                        + "Arrival-Date: Wed, 01 May 24 10:00:00 UTC\r\n"
                        + "\r\n"
                        + "Action: failed\r\n"
                        + "Final-Recipient: rfc822; bob@example.com\r\n"
                        + "Original-Recipient: rfc822; bob@example.com\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist\r\n"
                        + "Status: 5.1.1\r\n"
                        + "\r\n"
                        + "Action: failed\r\n"
                        + "Final-Recipient: rfc822; carol@example.com\r\n"
                        + "Original-Recipient: rfc822; carol@example.com\r\n"
                        + "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist\r\n"
                        + "Status: 5.1.1\r\n");
        assertPart(parts.get(2), "text/rfc822-headers", "Undelivered Message", ORIGINAL_HEADERS);
    }

    @Test
    void theReturnedHeadersIncludeWhatEarlierActionsAdded() throws Exception {
        TestActionContext context = TestActionContext.withMessage(dir, "m2", RAW);
        context.prependHeader("X-Inlet-Rule", "matched");

        started().execute(bounce("550", "5.1.1", "Mailbox does not exist"), context);

        assertThat(body(parts(0).get(2))).isEqualTo("X-Inlet-Rule: matched\r\n" + ORIGINAL_HEADERS);
    }

    @Test
    void withoutAStatusCodeTheReplyClassGivesIt() throws Exception {
        BounceAction action = started(new RecordingTopicPublisher(Set.of(TOPIC)));
        TestActionContext context = TestActionContext.withMessage(dir, "m3", RAW);

        action.execute(bounce("450", null, "Temporary failure"), context);
        action.execute(bounce("554", null, "Unknown failure"), context);

        assertThat(body(parts(0).get(1))).contains("Diagnostic-Code: smtp; 450 4.0.0 Temporary failure\r\nStatus: 4.0.0\r\n");
        assertThat(body(parts(1).get(1))).contains("Diagnostic-Code: smtp; 554 5.0.0 Unknown failure\r\nStatus: 5.0.0\r\n");
    }

    @Test
    void aNonAsciiMessageIsQuotedPrintable() throws Exception {
        started().execute(bounce("550", "5.1.1", "Boîte inconnue"), TestActionContext.withMessage(dir, "m4", RAW));

        Entity status = parts(0).get(1);
        assertThat(status.getContentTransferEncoding()).isEqualTo("quoted-printable");
        assertThat(body(status)).contains("Diagnostic-Code: smtp; 550 5.1.1 Boîte inconnue\r\n");
        assertThat(outbound.queued.get(0).text()).as("7-bit bytes only").matches("[\\x01-\\x7f]*");
    }

    @Test
    void aMessageWithTheNullSenderIsNeverBounced() throws Exception {
        ActionContext context = envelope(TestActionContext.withMessage(dir, "m5", RAW), "", List.of("bob@example.com"));

        ActionOutcome outcome = started().execute(bounce("550", "5.1.1", "Mailbox does not exist"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(outbound.queued).isEmpty();
    }

    @Test
    void aTopicGetsTheBounceNotificationWithoutContent() throws Exception {
        ActionSpec action = withTopic(bounce("550", null, "Mailbox does not exist"), TOPIC);

        started().execute(action, TestActionContext.withMessage(dir, "m6", RAW));

        assertThat(outbound.queued).hasSize(1);
        assertThat(topics.published).hasSize(1);
        RecordingTopicPublisher.Published published = topics.published.get(0);
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        assertThat(published.subject()).isEqualTo("Amazon SES Email Receipt Notification");
        JsonNode notification = JSON.readTree(published.message());
        assertThat(notification.has("content")).isFalse();
        JsonNode receiptAction = notification.at("/receipt/action");
        assertThat(fieldNames(receiptAction)).containsExactly("type", "topicArn", "smtpReplyCode", "statusCode", "message", "sender");
        assertThat(receiptAction).isEqualTo(JSON.valueToTree(Map.of("type", "Bounce", "topicArn", TOPIC,
                "smtpReplyCode", "550", "statusCode", "5.0.0", "message", "Mailbox does not exist",
                "sender", "bounce@example.com")));
    }

    @Test
    void withoutATopicNothingIsPublished() throws Exception {
        started().execute(bounce("550", "5.1.1", "Mailbox does not exist"), TestActionContext.withMessage(dir, "m7", RAW));

        assertThat(outbound.queued).hasSize(1);
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aTopicTheDaemonCannotPublishToFailsForGoodBeforeAnyDsn() throws Exception {
        BounceAction action = new BounceAction();
        action.start(new TestEnvironment(dir, Map.of()).withOutbound(outbound));

        assertThatThrownBy(() -> action.execute(withTopic(bounce("550", "5.1.1", "m"), TOPIC),
                TestActionContext.withMessage(dir, "m8", RAW)))
                .isInstanceOf(PermanentFailureException.class).hasMessageContaining(TOPIC);
        assertThat(outbound.queued).isEmpty();
    }

    @Test
    void aDaemonWithoutOutboundMailFailsForGood() throws Exception {
        BounceAction action = new BounceAction();
        action.start(new TestEnvironment(dir, Map.of()).withTopics(topics));

        assertThatThrownBy(() -> action.execute(bounce("550", "5.1.1", "m"), TestActionContext.withMessage(dir, "m9", RAW)))
                .isInstanceOf(PermanentFailureException.class).hasMessageContaining("no outbound mail queue");
    }

    @Test
    void aBigOriginalGivesASmallDsnWithItsWholeHeaderBlock() throws Exception {
        Path big = dir.resolve("big.eml");
        GeneratedMessage.write(big, 3L * 1024 * 1024);
        TestActionContext context = new TestActionContext("m10", big);

        started().execute(bounce("552", "5.3.4", "Message too large"), context);

        RecordingOutbound.Queued queued = outbound.queued.get(0);
        assertThat(queued.message().length).isLessThan(4096);
        assertThat(body(parse(queued.message()), 2))
                .isEqualTo("From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: big\r\n");
        assertThat(queued.text()).doesNotContain("the quick brown fox");
    }

    @Test
    void strictValidationRefusesATopicThatCannotBePublishedTo() throws Exception {
        BounceAction action = started();
        ActionSpec unpublishable = withTopic(bounce("550", "5.1.1", "m"), "arn:aws:sns:us-east-1:123456789012:gone");

        assertThatThrownBy(() -> action.validate(unpublishable, TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: arn:aws:sns:us-east-1:123456789012:gone")
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        assertThatCode(() -> action.validate(withTopic(bounce("550", "5.1.1", "m"), TOPIC), TestContext.STRICT))
                .doesNotThrowAnyException();
        assertThatCode(() -> action.validate(unpublishable, TestContext.LENIENT)).doesNotThrowAnyException();
        // unstarted, or started in a daemon without a publisher: the topic's syntax only
        assertThatCode(() -> new BounceAction().validate(unpublishable, TestContext.STRICT)).doesNotThrowAnyException();
        BounceAction withoutPublisher = new BounceAction();
        withoutPublisher.start(new TestEnvironment(dir, Map.of()));
        assertThatCode(() -> withoutPublisher.validate(unpublishable, TestContext.STRICT)).doesNotThrowAnyException();
    }

    @Test
    void strictValidationStillWantsAVerifiedSender() {
        ActionSpec action = new ActionSpec(BounceAction.TYPE, Map.of("SmtpReplyCode", "550", "Message", "m",
                "Sender", "other@example.net", "TopicArn", TOPIC));

        assertThatThrownBy(() -> started().validate(action, TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Identity is not verified: other@example.net");
    }

    private BounceAction started() {
        return started(topics);
    }

    private BounceAction started(RecordingTopicPublisher publisher) {
        BounceAction action = new BounceAction();
        action.start(new TestEnvironment(dir, Map.of()).withTopics(publisher).withOutbound(outbound));
        return action;
    }

    private List<Entity> parts(int queued) throws IOException {
        return ((Multipart) parse(outbound.queued.get(queued).message()).getBody()).getBodyParts();
    }

    private static ActionSpec bounce(String replyCode, String statusCode, String message) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("SmtpReplyCode", replyCode);
        if (statusCode != null) {
            parameters.put("StatusCode", statusCode);
        }
        parameters.put("Message", message);
        parameters.put("Sender", "bounce@example.com");
        return new ActionSpec(BounceAction.TYPE, parameters);
    }

    private static ActionSpec withTopic(ActionSpec action, String topicArn) {
        Map<String, String> parameters = new LinkedHashMap<>(action.parameters());
        parameters.put("TopicArn", topicArn);
        return new ActionSpec(action.type(), parameters);
    }

    private static Message parse(byte[] message) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(message));
    }

    private static String field(Message message, String name) {
        return message.getHeader().getField(name).getBody();
    }

    private static void assertPart(Entity part, String mimeType, String description, String body) throws IOException {
        assertThat(part.getMimeType()).isEqualTo(mimeType);
        assertThat(part.getContentTransferEncoding()).isEqualTo("7bit");
        assertThat(part.getHeader().getField("Content-Description").getBody()).isEqualTo(description);
        assertThat(body(part)).isEqualTo(body);
    }

    private static String body(Message message, int part) throws IOException {
        return body(((Multipart) message.getBody()).getBodyParts().get(part));
    }

    /** The decoded content of a part. */
    private static String body(Entity part) throws IOException {
        try (InputStream in = ((SingleBody) part.getBody()).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The received message of {@code delegate} with another envelope (MAIL FROM and the rule's recipients). */
    private static ActionContext envelope(ActionContext delegate, String mailFrom, List<String> recipients) {
        return new ActionContext() {
            @Override public String messageId() { return delegate.messageId(); }
            @Override public String accountId() { return delegate.accountId(); }
            @Override public String region() { return delegate.region(); }
            @Override public String ruleSetName() { return delegate.ruleSetName(); }
            @Override public String ruleName() { return delegate.ruleName(); }
            @Override public List<String> recipients() { return recipients; }
            @Override public String mailFrom() { return mailFrom; }
            @Override public Instant receivedAt() { return delegate.receivedAt(); }
            @Override public MessageContent message() { return delegate.message(); }
            @Override public void prependHeader(String name, String value) { delegate.prependHeader(name, value); }
            @Override public String notificationJson(Map<String, Object> action, NotificationContent content) throws IOException {
                return delegate.notificationJson(action, content);
            }
            @Override public Clock clock() { return delegate.clock(); }
        };
    }
}

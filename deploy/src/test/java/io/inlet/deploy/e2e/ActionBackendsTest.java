package io.inlet.deploy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.WorkmailAction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static io.inlet.deploy.e2e.ReceivingSetup.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The actions of issue 4 through the running daemon, on their embedded backends: Bounce's DSN
 * reaches the configured relay over SMTP, SNS notifications (and other actions' TopicArn
 * notifications) reach an HTTP subscriber in SNS's format, an oversized message bounces 552
 * 5.2.3, WorkMail writes a Maildir, and a RequestResponse Lambda's disposition stops its rule.
 */
class ActionBackendsTest {

    static final String SENDER = "sender@client.test";
    static final String TOPIC = "arn:aws:sns:us-east-1:111122223333:inbound";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:111122223333:function:triage";
    static final String ORGANIZATION = "arn:aws:workmail:us-east-1:111122223333:organization/m-0123456789abcdef0123456789abcdef";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path data;
    static RunningInlet daemon;
    static RelaySink relay;
    static HttpRecorder http;

    @BeforeAll
    static void start() throws IOException {
        relay = new RelaySink();
        http = new HttpRecorder().answer("/triage", "{\"disposition\":\"STOP_RULE\"}");
        data = dir.resolve("data");
        daemon = RunningInlet.start(data, relay.settings(Map.of(
                "actions.s3.buckets", "mail",
                "actions.sns.subscriptions", TOPIC + "=" + http.url("/sns"),
                "actions.lambda.functions", FUNCTION + "=" + http.url("/triage"),
                "processing.initial-backoff", "100ms",
                "processing.max-backoff", "300ms")));
        ReceivingSetup.of(daemon)
                .domains("act.test")
                .ruleSet("actions")
                .rule(rule("bounce", List.of("nobody@act.test"), ReceiptAction.builder().bounceAction(
                        BounceAction.builder().sender("postmaster@act.test").smtpReplyCode("550").statusCode("5.1.1")
                                .message("Mailbox does not exist").topicArn(TOPIC).build()).build()))
                .rule(rule("sns", List.of("sns@act.test", "big@act.test"), ReceiptAction.builder().snsAction(
                        SNSAction.builder().topicArn(TOPIC).encoding(SNSActionEncoding.UTF_8).build()).build()))
                .rule(rule("workmail", List.of("wm@act.test"), ReceiptAction.builder().workmailAction(
                        WorkmailAction.builder().organizationArn(ORGANIZATION).build()).build()))
                .rule(rule("lambda", List.of("fn@act.test"), ReceiptAction.builder().lambdaAction(
                        LambdaAction.builder().functionArn(FUNCTION).invocationType(InvocationType.REQUEST_RESPONSE)
                                .build()).build(), s3("mail", "after-lambda/")))
                .activate()
                .live();
    }

    @AfterAll
    static void close() throws Exception {
        Resources.closeAll(daemon, relay, http);
    }

    @Test
    void bounceSendsTheDsnToTheEnvelopeSenderThroughTheRelayAndNotifiesTheTopic() throws Exception {
        String id = send("nobody@act.test", TestMail.message(SENDER, "nobody@act.test", "bounce me"));

        RelaySink.Received dsn = awaitMailTo(SENDER, "Mailbox does not exist");
        assertThat(dsn.mailFrom()).isEmpty();
        Message parsed = parse(dsn.text());
        assertThat(parsed.getMimeType()).isEqualTo("multipart/report");
        assertThat(parsed.getHeader().getField("Content-Type").getBody()).contains("report-type=delivery-status");
        assertThat(parsed.getFrom().get(0).getAddress()).isEqualTo("postmaster@act.test");
        List<Entity> parts = ((Multipart) parsed.getBody()).getBodyParts();
        assertThat(parts).extracting(Entity::getMimeType)
                .containsExactly("text/plain", "message/delivery-status", "text/rfc822-headers");
        String status = text(parts.get(1));
        assertThat(status).contains("Reporting-MTA: dns; mx.inlet.test", "Final-Recipient: rfc822; nobody@act.test",
                "Action: failed", "Status: 5.1.1", "Diagnostic-Code: smtp; 550 5.1.1 Mailbox does not exist");
        assertThat(text(parts.get(2))).contains("Subject: bounce me");

        JsonNode notification = awaitNotification(id, "Bounce");
        assertThat(notification.path("receipt").path("action").path("topicArn").asText()).isEqualTo(TOPIC);
        assertThat(notification.has("content")).isFalse();
    }

    @Test
    void snsPublishesTheMessageInSnsFormatToTheSubscriber() throws Exception {
        String sent = TestMail.message(SENDER, "sns@act.test", "to sns");
        String id = send("sns@act.test", sent);

        HttpRecorder.Request request = awaitDelivery(id, "SNS");
        JsonNode envelope = JSON.readTree(request.body());
        assertThat(envelope.path("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.path("TopicArn").asText()).isEqualTo(TOPIC);
        assertThat(envelope.path("Subject").asText()).isEqualTo("Amazon SES Email Receipt Notification");
        assertThat(request.headers()).containsKey("X-amz-sns-message-type");
        JsonNode notification = JSON.readTree(envelope.path("Message").asText());
        assertThat(notification.path("notificationType").asText()).isEqualTo("Received");
        assertThat(notification.path("receipt").path("action").path("encoding").asText()).isEqualTo("UTF8");
        assertThat(notification.path("content").asText()).endsWith(sent);
    }

    @Test
    void aMessageOverTheSnsLimitBouncesWith552AndIsNotPublished() throws Exception {
        String big = TestMail.message(SENDER, "big@act.test", "too big") + "x".repeat(78).concat("\r\n").repeat(2600);
        String id = send("big@act.test", big);

        RelaySink.Received dsn = awaitMailTo(SENDER, "552 5.2.3");
        assertThat(dsn.text().replace("\r\n ", " ")).contains("Message length exceeds limit set by recipient");
        await().atMost(WAIT).until(() -> daemon.inlet().spool().deadLetters().stream().anyMatch(d -> d.messageId().equals(id)));
        assertThat(http.requests("/sns")).noneMatch(r -> r.body().contains(id));
    }

    @Test
    void workmailDeliversToTheEmbeddedMaildir() throws Exception {
        String sent = TestMail.message(SENDER, "wm@act.test", "to workmail");
        send("wm@act.test", sent);

        Path workmail = data.resolve("workmail");
        await().atMost(WAIT).until(() -> maildirFiles(workmail).anyMatch(f -> endsWith(f, sent)));
    }

    @Test
    void aRequestResponseLambdaThatAnswersStopRuleSkipsTheRestOfItsRule() throws Exception {
        String id = send("fn@act.test", TestMail.message(SENDER, "fn@act.test", "to lambda"));

        await().atMost(WAIT).until(() -> !daemon.inlet().spool().queued().contains(id));
        HttpRecorder.Request invocation = http.requests("/triage").stream()
                .filter(r -> r.body().contains(id)).findFirst().orElseThrow();
        JsonNode record = JSON.readTree(invocation.body()).path("Records").path(0);
        assertThat(record.path("eventSource").asText()).isEqualTo("aws:ses");
        assertThat(record.path("ses").path("mail").path("messageId").asText()).isEqualTo(id);
        assertThat(record.path("ses").path("receipt").path("action").path("type").asText()).isEqualTo("Lambda");
        assertThat(data.resolve("s3/mail/after-lambda/" + id)).doesNotExist();
    }

    // --- helpers -----------------------------------------------------------------------------

    static String send(String recipient, String message) throws IOException {
        return SmtpClient.sendMail(daemon.smtpPort(), SENDER, recipient, message);
    }

    static RelaySink.Received awaitMailTo(String recipient, String containing) {
        return await().atMost(WAIT).until(() -> relay.received().stream()
                .filter(m -> m.recipients().contains(recipient) && m.text().contains(containing))
                .findFirst().orElse(null), m -> m != null);
    }

    static HttpRecorder.Request awaitDelivery(String messageId, String actionType) {
        return await().atMost(WAIT).until(() -> http.requests("/sns").stream()
                .filter(r -> notificationOf(r, messageId, actionType) != null)
                .findFirst().orElse(null), r -> r != null);
    }

    static JsonNode awaitNotification(String messageId, String actionType) {
        return notificationOf(awaitDelivery(messageId, actionType), messageId, actionType);
    }

    /** The SES notification inside an SNS delivery, if it is about that message and action type. */
    static JsonNode notificationOf(HttpRecorder.Request request, String messageId, String actionType) {
        try {
            JsonNode notification = JSON.readTree(JSON.readTree(request.body()).path("Message").asText());
            boolean match = notification.path("mail").path("messageId").asText().equals(messageId)
                    && notification.path("receipt").path("action").path("type").asText().equals(actionType);
            return match ? notification : null;
        } catch (IOException e) {
            return null;
        }
    }

    static Message parse(String text) throws IOException {
        return new DefaultMessageBuilder().parseMessage(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** A leaf part's decoded body as text. */
    static String text(Entity part) throws IOException {
        if (!(part.getBody() instanceof SingleBody body)) {
            throw new AssertionError("not a leaf part: " + part.getMimeType());
        }
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static Stream<Path> maildirFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(f -> Files.isRegularFile(f) && f.getParent().getFileName().toString().equals("new"))
                    .toList().stream();
        }
    }

    static boolean endsWith(Path file, String text) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).endsWith(text);
        } catch (IOException e) {
            return false;
        }
    }
}

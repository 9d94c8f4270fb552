package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.sns.ClosableTopicPublisher;
import io.inlet.actions.sns.SnsSettings;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.actions.sns.TopicPublishers;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * SNSAction (and StopAction's TopicArn notification) on the AWS SDK backend against moto's SNS,
 * with an SQS queue subscribed to the topic (raw delivery off): the queue body is the SNS
 * envelope, its {@code Message} the notification exactly as published.
 */
class SNSActionAwsTest {

    private static final String ID = "m8udbiboi34u53ubdet5bhftamqdgt0mmr8k4v01";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static MotoServer moto;
    static SnsClient sns;
    static SqsClient sqs;
    static String topicArn;
    static String queueUrl;
    static AwsCredentialProperties credentials;

    @TempDir
    Path dir;
    private ClosableTopicPublisher publisher;
    private final RecordingOutbound outbound = new RecordingOutbound();
    private final SNSAction plugin = new SNSAction();

    @BeforeAll
    static void startMoto() throws IOException {
        Optional<Path> executable = MotoServer.find();
        if (executable.isEmpty()) {
            return; // each test reports itself skipped
        }
        moto = MotoServer.start(executable.get(), shared);
        credentials = AwsCredentialProperties.set(MotoServer.ACCESS_KEY, MotoServer.SECRET_KEY);
        sns = moto.sns();
        sqs = moto.sqs();
        topicArn = sns.createTopic(b -> b.name("inbound-mail")).topicArn();
        queueUrl = sqs.createQueue(b -> b.queueName("inbound-reader")).queueUrl();
        String queueArn = sqs.getQueueAttributes(b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        sns.subscribe(b -> b.topicArn(topicArn).protocol("sqs").endpoint(queueArn));
    }

    @AfterAll
    static void stopMoto() throws Exception {
        if (sns != null) {
            sns.close();
            sqs.close();
        }
        if (moto != null) {
            moto.close();
        }
        if (credentials != null) {
            credentials.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue(moto != null, "moto_server is not installed (pip install 'moto[server]', or set MOTO_SERVER)");
        sqs.purgeQueue(b -> b.queueUrl(queueUrl));
        SnsSettings settings = SnsSettings.parse(awsSettings());
        publisher = TopicPublishers.open(settings, dir, Clock.systemUTC());
        plugin.start(new TestEnvironment(dir, awsSettings()).withTopics(publisher).withOutbound(outbound));
    }

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
    }

    @Test
    void publishesTheNotificationWithUtf8Content() throws Exception {
        TestActionContext context = TestActionContext.withMessage(dir, ID, RAW);
        context.prependHeader("X-Rule", "r1");

        ActionOutcome outcome = plugin.execute(sns(topicArn, "UTF-8"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        JsonNode envelope = nextEnvelope();
        assertThat(envelope.get("Type").asText()).isEqualTo("Notification");
        assertThat(envelope.get("TopicArn").asText()).isEqualTo(topicArn);
        assertThat(envelope.get("Subject").asText()).isEqualTo(TopicNotifications.SUBJECT).isEqualTo("Amazon SES Email Receipt Notification");
        assertThat(envelope.get("MessageId").asText()).isNotBlank();

        JsonNode notification = JSON.readTree(envelope.get("Message").asText());
        assertThat(notification.get("notificationType").asText()).isEqualTo("Received");
        assertThat(notification.at("/mail/messageId").asText()).isEqualTo(ID);
        assertThat(notification.at("/receipt/recipients/0").asText()).isEqualTo("bob@example.com");
        JsonNode action = notification.at("/receipt/action");
        assertThat(fieldNames(action)).containsExactly("type", "topicArn", "encoding");
        assertThat(action.get("type").asText()).isEqualTo("SNS");
        assertThat(action.get("topicArn").asText()).isEqualTo(topicArn);
        assertThat(action.get("encoding").asText()).isEqualTo("UTF8");
        assertThat(notification.get("content").asText()).isEqualTo("X-Rule: r1\r\n" + RAW);
    }

    @Test
    void publishesBase64ContentThatDecodesToTheExactMessageBytes() throws Exception {
        // 8-bit bytes that are not UTF-8: only Base64 carries them unchanged
        byte[] raw = "Subject: caf\u00e9\r\n\r\nna\u00efve\r\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("latin1.eml"), raw);

        plugin.execute(sns(topicArn, "Base64"), new TestActionContext(ID, file));

        JsonNode notification = JSON.readTree(nextEnvelope().get("Message").asText());
        assertThat(notification.at("/receipt/action/type").asText()).isEqualTo("SNS");
        assertThat(notification.at("/receipt/action/topicArn").asText()).isEqualTo(topicArn);
        assertThat(notification.at("/receipt/action/encoding").asText()).isEqualTo("BASE64");
        assertThat(Base64.getDecoder().decode(notification.get("content").asText())).isEqualTo(raw);
    }

    @Test
    void aMessageOverTheLimitFailsPermanentlyIsBouncedAndNotPublished() throws Exception {
        Path big = dir.resolve("big.eml");
        GeneratedMessage.write(big, 200 * 1024);

        assertThatThrownBy(() -> plugin.execute(sns(topicArn, "UTF-8"), new TestActionContext("bigmessage", big)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("204800 bytes, over the SNS limit of 153600")
                .hasMessageEndingWith("; DSN 552 5.2.3 queued as out-1");
        assertThat(outbound.queued).hasSize(1);
        RecordingOutbound.Queued dsn = outbound.queued.get(0);
        assertThat(dsn.mailFrom()).isEmpty();
        assertThat(dsn.recipients()).containsExactly("alice@sender.example");
        String unfolded = dsn.text().replaceAll("\r?\n[ \t]+", " ");
        assertThat(unfolded).contains("From: MAILER-DAEMON@mx.inlet.test")
                .contains("Diagnostic-Code: smtp; 552 5.2.3 Message length exceeds limit set by recipient")
                .contains("Status: 5.2.3");

        // nothing of it reached the topic: the next message is the first the queue gets
        plugin.execute(sns(topicArn, "UTF-8"), TestActionContext.withMessage(dir, ID, RAW));
        JsonNode notification = JSON.readTree(nextEnvelope().get("Message").asText());
        assertThat(notification.at("/mail/messageId").asText()).isEqualTo(ID);
    }

    @Test
    void strictValidationNeedsATopicSnsHas() {
        String missing = topicArn.substring(0, topicArn.lastIndexOf(':') + 1) + "no-such-topic";

        assertThatThrownBy(() -> plugin.validate(sns(missing, "UTF-8"), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: " + missing)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        assertThatCode(() -> plugin.validate(sns(missing, "UTF-8"), TestContext.LENIENT)).doesNotThrowAnyException();
        assertThatCode(() -> plugin.validate(sns(topicArn, "UTF-8"), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(sns("arn:aws:sns:us-east-1:123456789012:", "UTF-8"), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Invalid SNS topic: arn:aws:sns:us-east-1:123456789012:");
    }

    @Test
    void publishingToATopicSnsDoesNotHaveFailsPermanently() {
        String missing = topicArn.substring(0, topicArn.lastIndexOf(':') + 1) + "deleted-topic";

        assertThatThrownBy(() -> plugin.execute(sns(missing, "UTF-8"), TestActionContext.withMessage(dir, ID, RAW)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining(missing);
    }

    @Test
    void stopPublishesItsTopicNotificationWithoutContent() throws Exception {
        StopAction stop = new StopAction();
        stop.start(new TestEnvironment(dir, Map.of()).withTopics(publisher));

        ActionOutcome outcome = stop.execute(new ActionSpec(StopAction.TYPE, Map.of("Scope", "RuleSet", "TopicArn", topicArn)),
                TestActionContext.withMessage(dir, ID, RAW));

        assertThat(outcome).isEqualTo(ActionOutcome.STOP_RULE_SET);
        JsonNode envelope = nextEnvelope();
        assertThat(envelope.get("Subject").asText()).isEqualTo(TopicNotifications.SUBJECT);
        JsonNode notification = JSON.readTree(envelope.get("Message").asText());
        JsonNode action = notification.at("/receipt/action");
        assertThat(fieldNames(action)).containsExactly("type", "topicArn");
        assertThat(action.get("type").asText()).isEqualTo("Stop");
        assertThat(action.get("topicArn").asText()).isEqualTo(topicArn);
        assertThat(notification.has("content")).isFalse();
    }

    private static Map<String, String> awsSettings() {
        return Map.of(SnsSettings.BACKEND, "aws", SnsSettings.ENDPOINT, moto.endpoint().toString());
    }

    /** The next SNS envelope the subscribed queue receives. */
    private static JsonNode nextEnvelope() throws IOException {
        List<Message> got = new ArrayList<>();
        await("a message in the subscribed queue").atMost(WAIT).until(() -> {
            got.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(1).waitTimeSeconds(1)).messages());
            return !got.isEmpty();
        });
        Message message = got.get(0);
        sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
        return JSON.readTree(message.body());
    }

    private static ActionSpec sns(String topic, String encoding) {
        return new ActionSpec(SNSAction.TYPE, Map.of("TopicArn", topic, "Encoding", encoding));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

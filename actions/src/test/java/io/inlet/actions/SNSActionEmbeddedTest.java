package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.sns.ClosableTopicPublisher;
import io.inlet.actions.sns.SnsSettings;
import io.inlet.actions.sns.TestSubscriber;
import io.inlet.actions.sns.TopicPublishers;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** SNSAction on the embedded backend (outbox + HTTP subscriber), and its configurable size limit. */
class SNSActionEmbeddedTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\n\r\nHello\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestSubscriber subscriber;
    private ClosableTopicPublisher publisher;

    @AfterEach
    void close() {
        if (publisher != null) {
            publisher.close();
        }
        if (subscriber != null) {
            subscriber.close();
        }
    }

    @Test
    void theSubscriberGetsTheSesNotificationInsideTheSnsEnvelope() throws Exception {
        subscriber = TestSubscriber.start();
        Map<String, String> settings = Map.of(SnsSettings.SUBSCRIPTIONS, TOPIC + "=" + subscriber.url("/ses"));
        publisher = TopicPublishers.open(SnsSettings.parse(settings), dir, Clock.systemUTC());
        SNSAction plugin = new SNSAction();
        plugin.start(new TestEnvironment(dir, settings).withTopics(publisher));

        ActionOutcome outcome = plugin.execute(sns(), TestActionContext.withMessage(dir, "m1", RAW));

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        await().atMost(Duration.ofSeconds(20)).until(() -> subscriber.received.size() == 1);
        JsonNode envelope = JSON.readTree(subscriber.received.get(0).body());
        assertThat(envelope.get("Subject").asText()).isEqualTo("Amazon SES Email Receipt Notification");
        JsonNode notification = JSON.readTree(envelope.get("Message").asText());
        assertThat(notification.at("/receipt/action/type").asText()).isEqualTo("SNS");
        assertThat(notification.at("/receipt/action/encoding").asText()).isEqualTo("UTF8");
        assertThat(notification.get("content").asText()).isEqualTo(RAW);
    }

    @Test
    void theLimitIsConfigurableAndWithoutOutboundQueueTheFailureSaysNoDsnWasSent() throws Exception {
        RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
        SNSAction plugin = new SNSAction();
        plugin.start(new TestEnvironment(dir, Map.of(SnsSettings.MAX_MESSAGE_BYTES, "40")).withTopics(topics));

        assertThatThrownBy(() -> plugin.execute(sns(), TestActionContext.withMessage(dir, "m2", RAW)))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageStartingWith("message m2 is " + RAW.length() + " bytes, over the SNS limit of 40")
                .hasMessageContaining("no DSN sent");
        assertThat(topics.published).isEmpty();
    }

    private static ActionSpec sns() {
        return new ActionSpec(SNSAction.TYPE, Map.of("TopicArn", TOPIC, "Encoding", "UTF-8"));
    }
}

package io.inlet.actions.sns;

import io.inlet.actions.MutableClock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The embedded SNS backend: on-disk outbox, SNS-format HTTP deliveries, retries, dead area. */
class EmbeddedTopicPublisherTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:inbound";
    private static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:quiet";
    private static final Instant NOW = Instant.parse("2024-05-01T10:00:00.123456Z");
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path data;

    private final MutableClock clock = new MutableClock(NOW);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void postsTheNotificationInSnsHttpFormat() throws Exception {
        TestSubscriber subscriber = subscriber();
        ClosableTopicPublisher publisher = open(settings(TOPIC + "=" + subscriber.url("/hooks/inlet?token=t1")));

        String messageId = publisher.publish(TOPIC, TopicNotifications.SUBJECT, "{\"notificationType\":\"Received\"}");

        await().atMost(WAIT).until(() -> subscriber.received.size() == 1);
        TestSubscriber.Received request = subscriber.received.get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hooks/inlet?token=t1");
        assertThat(request.header("x-amz-sns-message-type")).isEqualTo("Notification");
        assertThat(request.header("x-amz-sns-message-id")).isEqualTo(messageId);
        assertThat(request.header("x-amz-sns-topic-arn")).isEqualTo(TOPIC);
        assertThat(request.header("x-amz-sns-subscription-arn")).startsWith(TOPIC + ":").hasSize(TOPIC.length() + 37);
        assertThat(request.header("Content-Type")).isEqualTo("text/plain; charset=UTF-8");

        JsonNode body = JSON.readTree(request.body());
        assertThat(fieldNames(body)).containsExactly("Type", "MessageId", "TopicArn", "Subject", "Message", "Timestamp",
                "SignatureVersion", "Signature", "SigningCertURL", "UnsubscribeURL");
        assertThat(body.get("Type").asText()).isEqualTo("Notification");
        assertThat(body.get("MessageId").asText()).isEqualTo(messageId).matches("[0-9a-f-]{36}");
        assertThat(body.get("TopicArn").asText()).isEqualTo(TOPIC);
        assertThat(body.get("Subject").asText()).isEqualTo("Amazon SES Email Receipt Notification");
        assertThat(body.get("Message").asText()).isEqualTo("{\"notificationType\":\"Received\"}");
        assertThat(body.get("Timestamp").asText()).isEqualTo("2024-05-01T10:00:00.123Z");
        assertThat(body.get("SignatureVersion").asText()).isEqualTo("1");
        // Inlet does not sign, and subscriptions are configuration: documented empty values
        assertThat(body.get("Signature").asText()).isEmpty();
        assertThat(body.get("SigningCertURL").asText()).isEmpty();
        assertThat(body.get("UnsubscribeURL").asText()).isEmpty();

        await().atMost(WAIT).until(() -> files("deliveries").isEmpty());
        assertThat(files("outbox")).isEmpty();
        assertThat(files("dead")).isEmpty();
    }

    @Test
    void everySubscriberOfTheTopicGetsItOnlyThatTopicsOnes() throws Exception {
        TestSubscriber first = subscriber();
        TestSubscriber second = subscriber();
        ClosableTopicPublisher publisher = open(settings(TOPIC + "=" + first.url("/a") + "," + TOPIC + "=" + second.url("/b")
                + "," + OTHER_TOPIC + "=" + second.url("/other")));

        publisher.publish(TOPIC, null, "m1");

        await().atMost(WAIT).until(() -> first.received.size() == 1 && second.received.size() == 1);
        assertThat(second.received.get(0).path()).isEqualTo("/b");
        JsonNode body = JSON.readTree(first.received.get(0).body());
        assertThat(body.has("Subject")).as("SNS leaves Subject out when none was given").isFalse();
        assertThat(body.get("MessageId").asText()).isEqualTo(JSON.readTree(second.received.get(0).body()).get("MessageId").asText());
    }

    @Test
    void retriesASubscriberThatAnswers500UntilItTakesTheNotification() throws Exception {
        TestSubscriber subscriber = subscriber();
        subscriber.answer(500, 2);
        ClosableTopicPublisher publisher = open(settings(TOPIC + "=" + subscriber.url("/flaky")));

        String messageId = publisher.publish(TOPIC, "s", "retry me");

        await().atMost(WAIT).until(() -> subscriber.received.size() == 3);
        await().atMost(WAIT).until(() -> files("deliveries").isEmpty());
        assertThat(subscriber.received).extracting(r -> r.header("x-amz-sns-message-id")).containsOnly(messageId);
        assertThat(subscriber.received).extracting(TestSubscriber.Received::body).containsOnly(subscriber.received.get(0).body());
        assertThat(files("dead")).isEmpty();
    }

    @Test
    void aNotificationWithoutSubscriberWaitsInTheOutboxAndSurvivesARestart() throws Exception {
        ClosableTopicPublisher first = open(settings(""));

        String messageId = first.publish(TOPIC, "s", "kept on disk");
        first.close();

        // durable on disk when publish returned, and still waiting (no subscriber was configured)
        List<Path> waiting = files("outbox");
        assertThat(waiting).extracting(p -> p.getFileName().toString()).containsExactly(messageId + ".json");
        JsonNode kept = JSON.readTree(waiting.get(0).toFile());
        assertThat(kept.get("topicArn").asText()).isEqualTo(TOPIC);
        assertThat(kept.get("message").asText()).isEqualTo("kept on disk");
        assertThat(kept.get("timestamp").asText()).isEqualTo("2024-05-01T10:00:00.123Z");

        TestSubscriber subscriber = subscriber();
        open(settings(TOPIC + "=" + subscriber.url("/later")));

        await().atMost(WAIT).until(() -> subscriber.received.size() == 1);
        assertThat(subscriber.received.get(0).header("x-amz-sns-message-id")).isEqualTo(messageId);
        assertThat(JSON.readTree(subscriber.received.get(0).body()).get("Message").asText()).isEqualTo("kept on disk");
        await().atMost(WAIT).until(() -> files("outbox").isEmpty() && files("deliveries").isEmpty());
    }

    @Test
    void anUnfinishedDeliveryIsResumedAfterARestart() throws Exception {
        TestSubscriber subscriber = subscriber();
        subscriber.answer(503, 1);
        // a long first backoff: the second attempt can only come from the restart
        ClosableTopicPublisher first = open(settings(TOPIC + "=" + subscriber.url("/x"), "PT1H"));

        String messageId = first.publish(TOPIC, "s", "resume me");
        await().atMost(WAIT).until(() -> subscriber.received.size() == 1);
        first.close();
        assertThat(files("deliveries")).hasSize(1);

        open(settings(TOPIC + "=" + subscriber.url("/x")));

        await().atMost(WAIT).until(() -> subscriber.received.size() == 2);
        assertThat(subscriber.received.get(1).header("x-amz-sns-message-id")).isEqualTo(messageId);
        await().atMost(WAIT).until(() -> files("deliveries").isEmpty());
    }

    @Test
    void aDeliveryStillFailingAfterMaxAgeMovesToTheDeadAreaWithTheReason() throws Exception {
        TestSubscriber subscriber = subscriber();
        subscriber.answer(500, 1_000);
        ClosableTopicPublisher publisher = open(settings(TOPIC + "=" + subscriber.url("/down")));

        String messageId = publisher.publish(TOPIC, "s", "never taken");
        await().atMost(WAIT).until(() -> subscriber.received.size() >= 2);
        clock.advance(Duration.ofDays(3)); // max-age P3D: the next failure is the last

        await().atMost(WAIT).until(() -> files("dead").size() == 1 && files("deliveries").isEmpty());
        Path dead = files("dead").get(0);
        assertThat(dead.getFileName().toString()).startsWith(messageId + ".");
        JsonNode node = JSON.readTree(dead.toFile());
        assertThat(node.get("reason").asText()).startsWith("no 2xx answer within PT72H").endsWith("last: HTTP 500");
        assertThat(node.get("subscriber").asText()).isEqualTo(subscriber.url("/down").toString());
        assertThat(node.get("message").asText()).isEqualTo("never taken");
        // 2 when the clock moved before the deliverer judged attempt 2, else 3 or more
        assertThat(node.get("attempts").asInt()).isGreaterThanOrEqualTo(2);
        int attempts = subscriber.received.size();
        assertThat(attempts).isEqualTo(node.get("attempts").asInt());
    }

    @Test
    void anyWellFormedTopicIsPublishableAndAMalformedOneFailsForGood() throws Exception {
        ClosableTopicPublisher publisher = open(settings(""));

        assertThat(publisher.canPublish(TOPIC)).isTrue();
        assertThat(publisher.canPublish("arn:aws:sns:us-east-1:123456789012:")).isFalse();
        assertThat(publisher.canPublish("not-an-arn")).isFalse();
        assertThatThrownBy(() -> publisher.publish("not-an-arn", "s", "m"))
                .isInstanceOf(PermanentFailureException.class).hasMessage("Invalid SNS topic: not-an-arn");
        assertThat(files("outbox")).isEmpty();
    }

    @Test
    void aClosedPublisherRefusesToPublish() throws Exception {
        ClosableTopicPublisher publisher = open(settings(""));
        publisher.close();

        assertThatThrownBy(() -> publisher.publish(TOPIC, "s", "m"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    private ClosableTopicPublisher open(SnsSettings settings) throws IOException {
        ClosableTopicPublisher publisher = TopicPublishers.open(settings, data, clock);
        open.add(publisher);
        return publisher;
    }

    private TestSubscriber subscriber() throws IOException {
        TestSubscriber subscriber = TestSubscriber.start();
        open.add(subscriber);
        return subscriber;
    }

    /** Short real backoff: retries come within milliseconds, no test waits for them. */
    private static SnsSettings settings(String subscriptions) {
        return settings(subscriptions, "20ms");
    }

    private static SnsSettings settings(String subscriptions, String retryInitial) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put(SnsSettings.SUBSCRIPTIONS, subscriptions);
        values.put(SnsSettings.RETRY_INITIAL, retryInitial);
        values.put(SnsSettings.RETRY_MAX, "100ms");
        return SnsSettings.parse(values);
    }

    private List<Path> files(String state) throws IOException {
        try (Stream<Path> s = Files.list(data.resolve("sns").resolve(state))) {
            return s.sorted().toList();
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        Iterator<String> it = node.fieldNames();
        it.forEachRemaining(names::add);
        return names;
    }
}

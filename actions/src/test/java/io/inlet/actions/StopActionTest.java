package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** StopAction's optional TopicArn: published before the rule set ends, and checked in strict mode. */
class StopActionTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:stopped";
    private static final String UNKNOWN = "arn:aws:sns:us-east-1:123456789012:unknown";
    private static final String RAW = "From: alice@sender.example\r\n\r\nHi\r\n";

    @TempDir
    Path dir;

    private final RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));

    @Test
    void publishesTheStopNotificationAndEndsTheRuleSet() throws Exception {
        StopAction stop = started();

        ActionOutcome outcome = stop.execute(stop(TOPIC), TestActionContext.withMessage(dir, "m1", RAW));

        assertThat(outcome).isEqualTo(ActionOutcome.STOP_RULE_SET);
        assertThat(topics.published).hasSize(1);
        RecordingTopicPublisher.Published published = topics.published.get(0);
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        assertThat(published.subject()).isEqualTo("Amazon SES Email Receipt Notification");
        JsonNode notification = new ObjectMapper().readTree(published.message());
        assertThat(notification.at("/receipt/action").toString()).isEqualTo("{\"type\":\"Stop\",\"topicArn\":\"" + TOPIC + "\"}");
        assertThat(notification.at("/mail/messageId").asText()).isEqualTo("m1");
        assertThat(notification.has("content")).isFalse();
    }

    @Test
    void withoutTopicNothingIsPublished() throws Exception {
        StopAction stop = started();

        assertThat(stop.execute(new ActionSpec(StopAction.TYPE, Map.of("Scope", "RuleSet")), TestActionContext.withMessage(dir, "m2", RAW)))
                .isEqualTo(ActionOutcome.STOP_RULE_SET);
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aTopicWithoutPublisherFailsTheActionInsteadOfSkippingTheNotification() throws Exception {
        StopAction stop = new StopAction();
        stop.start(new TestEnvironment(dir, Map.of())); // a daemon without topic publisher

        assertThatThrownBy(() -> stop.execute(stop(TOPIC), TestActionContext.withMessage(dir, "m3", RAW)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("StopAction cannot publish");
        assertThatCode(() -> stop.validate(stop(UNKNOWN), TestContext.STRICT))
                .as("without a publisher only the syntax is checked").doesNotThrowAnyException();
    }

    @Test
    void strictValidationNeedsAPublishableTopic() throws Exception {
        StopAction stop = started();

        assertThatThrownBy(() -> stop.validate(stop(UNKNOWN), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: " + UNKNOWN)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
        assertThatCode(() -> stop.validate(stop(UNKNOWN), TestContext.LENIENT)).doesNotThrowAnyException();
        assertThatCode(() -> stop.validate(stop(TOPIC), TestContext.STRICT)).doesNotThrowAnyException();
        assertThatThrownBy(() -> stop.validate(stop("arn:aws:sns:us-east-1:123456789012"), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Invalid SNS topic: arn:aws:sns:us-east-1:123456789012");
    }

    private StopAction started() {
        StopAction stop = new StopAction();
        stop.start(new TestEnvironment(dir, Map.of()).withTopics(topics));
        return stop;
    }

    private static ActionSpec stop(String topic) {
        return new ActionSpec(StopAction.TYPE, Map.of("Scope", "RuleSet", "TopicArn", topic));
    }
}

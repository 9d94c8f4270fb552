package io.inlet.actions;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AddHeaderAndStopExecutionTest {

    private static final String RAW = "From: alice@sender.example\r\nSubject: Hi\r\n\r\nHello\r\n";

    @TempDir
    Path dir;

    @Test
    void addHeaderPrependsTheHeaderAndContinues() throws Exception {
        TestActionContext context = TestActionContext.withMessage(dir, "m1", RAW);

        ActionOutcome outcome = new AddHeaderAction().execute(header("X-Inlet-Rule", "matched"), context);

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(new String(context.messageBytes(), StandardCharsets.UTF_8))
                .isEqualTo("X-Inlet-Rule: matched\r\n" + RAW);
    }

    @Test
    void aLaterHeaderGoesAboveAnEarlierOne() throws Exception {
        TestActionContext context = TestActionContext.withMessage(dir, "m2", RAW);
        AddHeaderAction addHeader = new AddHeaderAction();

        addHeader.execute(header("X-First", "1"), context);
        addHeader.execute(header("X-Empty", ""), context);

        assertThat(new String(context.messageBytes(), StandardCharsets.UTF_8))
                .isEqualTo("X-Empty: \r\nX-First: 1\r\n" + RAW);
    }

    @Test
    void stopEndsTheRuleSet() throws Exception {
        TestActionContext context = TestActionContext.withMessage(dir, "m3", RAW);

        assertThat(new StopAction().execute(new ActionSpec("StopAction", Map.of("Scope", "RuleSet")), context))
                .isEqualTo(ActionOutcome.STOP_RULE_SET);
        // with a topic it notifies first (StopActionTest checks the notification itself)
        String topic = "arn:aws:sns:us-east-1:123456789012:mail";
        RecordingTopicPublisher topics = new RecordingTopicPublisher(java.util.Set.of(topic));
        StopAction notifying = new StopAction();
        notifying.start(new TestEnvironment(dir, Map.of()).withTopics(topics));
        assertThat(notifying.execute(new ActionSpec("StopAction", Map.of("Scope", "RuleSet", "TopicArn", topic)), context))
                .isEqualTo(ActionOutcome.STOP_RULE_SET);
        assertThat(topics.published).hasSize(1);
        assertThat(context.messageBytes()).isEqualTo(RAW.getBytes(StandardCharsets.UTF_8));
    }

    private static ActionSpec header(String name, String value) {
        return new ActionSpec("AddHeaderAction", Map.of("HeaderName", name, "HeaderValue", value));
    }
}

package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.lambda.FunctionInvocationException;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.LambdaFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.inlet.actions.LambdaActionHttpTest.ARN;
import static io.inlet.actions.LambdaActionHttpTest.ID;
import static io.inlet.actions.LambdaActionHttpTest.RAW;
import static io.inlet.actions.LambdaActionHttpTest.TOPIC;
import static io.inlet.actions.LambdaActionHttpTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** LambdaAction on the embedded backend with functions that plugin jars provide, run in-process. */
class LambdaActionPluginFunctionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final LambdaAction plugin = new LambdaAction();
    private final RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
    private final CountDownLatch release = new CountDownLatch(1);
    private TestActionContext context;

    @BeforeEach
    void setUp() throws IOException {
        context = TestActionContext.withMessage(dir, ID, RAW);
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        plugin.close();
    }

    @Test
    void requestResponseRunsThePluginFunctionWithTheEvent() throws Exception {
        Recording function = new Recording("on-mail", "{\"disposition\":\"STOP_RULE_SET\"}");
        start(Map.of(), Map.of("on-mail", function));

        assertThat(plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context)).isEqualTo(ActionOutcome.STOP_RULE_SET);

        assertThat(function.events).hasSize(1);
        JsonNode record = JSON.readTree(function.events.get(0)).at("/Records/0");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:ses");
        assertThat(record.at("/ses/mail/messageId").asText()).isEqualTo(ID);
        assertThat(record.at("/ses/receipt/action/functionArn").asText()).isEqualTo(ARN);
        assertThat(record.at("/ses/receipt/action/topicArn").asText()).isEqualTo(TOPIC);
        assertThat(topics.published).hasSize(1);
    }

    @Test
    void aThrowingFunctionFailsTheAction() {
        LambdaFunction failing = function("on-mail", event -> {
            throw new IllegalStateException("no database");
        });
        start(Map.of(), Map.of("on-mail", failing));

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining(ARN)
                .hasMessageContaining("no database")
                .hasRootCauseInstanceOf(IllegalStateException.class);
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aFunctionOutlastingTheTimeoutFailsTheActionAndIsInterrupted() {
        AtomicBoolean interrupted = new AtomicBoolean();
        LambdaFunction slow = function("on-mail", event -> {
            try {
                release.await(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return "{\"disposition\":\"STOP_RULE\"}";
        });
        start(Map.of("actions.lambda.timeout", "PT0.2S"), Map.of("on-mail", slow));

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", null), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining("did not return within PT0.2S");
        await().atMost(Duration.ofSeconds(5)).untilTrue(interrupted);
    }

    @Test
    void anEventReturnsBeforeTheFunctionRunsToItsEnd() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> finished = new CopyOnWriteArrayList<>();
        LambdaFunction blocking = function("on-mail", event -> {
            started.countDown();
            release.await(1, TimeUnit.MINUTES);
            finished.add(event);
            return "{\"disposition\":\"STOP_RULE\"}";
        });
        start(Map.of(), Map.of("on-mail", blocking));

        // the function is still blocked when execute() returns: it runs on its own thread
        assertThat(plugin.execute(lambda(ARN, "Event", TOPIC), context)).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(finished).isEmpty();
        assertThat(topics.published).hasSize(1);

        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> finished.size() == 1);
        assertThat(JSON.readTree(finished.get(0)).at("/Records/0/ses/receipt/action/invocationType").asText())
                .isEqualTo("Event");
    }

    @Test
    void aFailingEventFunctionDoesNotFailTheAction() throws Exception {
        CountDownLatch ran = new CountDownLatch(1);
        LambdaFunction failing = function("on-mail", event -> {
            ran.countDown();
            throw new IllegalStateException("logged, not thrown");
        });
        start(Map.of(), Map.of("on-mail", failing));

        assertThat(plugin.execute(lambda(ARN, "Event", null), context)).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(ran.await(5, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aConfiguredUrlTakesPrecedenceOverAPluginFunction() throws Exception {
        Recording pluginFunction = new Recording("on-mail", "{\"disposition\":\"STOP_RULE_SET\"}");
        try (LambdaTestEndpoint url = new LambdaTestEndpoint()) {
            url.reply(200, "{\"disposition\":\"STOP_RULE\"}");
            start(Map.of("actions.lambda.functions", "on-mail=" + url.uri("/override")), Map.of("on-mail", pluginFunction));

            assertThat(plugin.execute(lambda(ARN, "RequestResponse", null), context)).isEqualTo(ActionOutcome.STOP_RULE);
            assertThat(url.requests).hasSize(1);
            assertThat(pluginFunction.events).isEmpty();
        }
    }

    @Test
    void aPluginRegisteredUnderTheWholeArnIsFoundForThatArn() throws Exception {
        Recording byArn = new Recording(ARN, "{\"disposition\":\"STOP_RULE\"}");
        start(Map.of(), Map.of(ARN, byArn));

        assertThat(plugin.execute(lambda(ARN, "RequestResponse", null), context)).isEqualTo(ActionOutcome.STOP_RULE);
        assertThat(byArn.events).hasSize(1);
    }

    @Test
    void strictValidationAcceptsAPluginFunctionByItsName() {
        start(Map.of(), Map.of("on-mail", new Recording("on-mail", null)));
        String other = "arn:aws:lambda:us-east-1:123456789012:function:other";

        assertThatCode(() -> plugin.validate(lambda(ARN + ":live", null, TOPIC), TestContext.STRICT))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(lambda(other, null, null), TestContext.STRICT))
                .hasMessage("Could not invoke Lambda function: " + other);
    }

    @Test
    void anUnknownFunctionFailsAtExecutionWithAClearMessage() {
        start(Map.of(), Map.of());

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "Event", null), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessage("Lambda function " + ARN
                        + ": no URL is configured for it in actions.lambda.functions and no plugin provides it");
    }

    private void start(Map<String, String> settings, Map<String, LambdaFunction> functions) {
        plugin.start(new TestEnvironment(dir, settings).withTopics(topics).withFunctions(functions));
    }

    interface Body {
        String run(String event) throws Exception;
    }

    private static LambdaFunction function(String name, Body body) {
        return new LambdaFunction() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String invoke(String eventJson) throws Exception {
                return body.run(eventJson);
            }
        };
    }

    /** A function that records its events and returns a fixed result. */
    private static final class Recording implements LambdaFunction {
        final List<String> events = new CopyOnWriteArrayList<>();
        private final String name;
        private final String result;

        Recording(String name, String result) {
            this.name = name;
            this.result = result;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public String invoke(String eventJson) {
            events.add(eventJson);
            return result;
        }
    }
}

package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.lambda.FunctionInvocationException;
import io.inlet.actions.sns.TopicNotifications;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** LambdaAction on the embedded backend with a function behind a real loopback HTTP URL. */
class LambdaActionHttpTest {

    static final String ARN = "arn:aws:lambda:us-east-1:123456789012:function:on-mail";
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:mail";
    static final String ID = "m8udbiboi34u53ubdet5bhftamqdgt0mmr8k4v01";
    static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\nHello\r\n";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final LambdaAction plugin = new LambdaAction();
    private final RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
    private LambdaTestEndpoint function;
    private TestActionContext context;

    @BeforeEach
    void setUp() throws IOException {
        function = new LambdaTestEndpoint();
        context = TestActionContext.withMessage(dir, ID, RAW);
    }

    @AfterEach
    void tearDown() {
        plugin.close();
        function.close();
    }

    @Test
    void requestResponsePostsTheSesEventAndReadsTheDisposition() throws Exception {
        start("PT30S");
        function.reply(200, "{\"disposition\":\"STOP_RULE\"}");

        ActionOutcome outcome = plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context);

        assertThat(outcome).isEqualTo(ActionOutcome.STOP_RULE);
        LambdaTestEndpoint.Request request = function.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo("/fn/on-mail");
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");

        JsonNode event = JSON.readTree(request.body());
        assertThat(names(event)).containsExactly("Records");
        assertThat(event.get("Records")).hasSize(1);
        JsonNode record = event.get("Records").get(0);
        assertThat(names(record)).containsExactly("eventSource", "eventVersion", "ses");
        assertThat(record.get("eventSource").asText()).isEqualTo("aws:ses");
        assertThat(record.get("eventVersion").asText()).isEqualTo("1.0");
        JsonNode ses = record.get("ses");
        assertThat(names(ses)).containsExactly("mail", "receipt");
        JsonNode mail = ses.get("mail");
        assertThat(names(mail)).containsExactly("timestamp", "source", "messageId", "destination");
        assertThat(mail.get("messageId").asText()).isEqualTo(ID);
        assertThat(mail.get("source").asText()).isEqualTo("alice@sender.example");
        assertThat(mail.get("destination").get(0).asText()).isEqualTo("bob@example.com");
        JsonNode receipt = ses.get("receipt");
        assertThat(receipt.get("recipients").get(0).asText()).isEqualTo("bob@example.com");
        JsonNode action = receipt.get("action");
        assertThat(names(action)).containsExactly("type", "topicArn", "functionArn", "invocationType");
        assertThat(action.get("type").asText()).isEqualTo("Lambda");
        assertThat(action.get("topicArn").asText()).isEqualTo(TOPIC);
        assertThat(action.get("functionArn").asText()).isEqualTo(ARN);
        assertThat(action.get("invocationType").asText()).isEqualTo("RequestResponse");
        // never the body, never the notification's own fields
        assertThat(request.body()).doesNotContain("Hello", "notificationType", "content");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"disposition\":\"STOP_RULE\"}     | STOP_RULE",
            "{\"disposition\":\"STOP_RULE_SET\"} | STOP_RULE_SET",
            "{\"disposition\":\"CONTINUE\"}      | CONTINUE",
            "{\"disposition\":\"stop_rule\"}     | CONTINUE",
            "{\"disposition\":5}                 | CONTINUE",
            "{\"other\":\"STOP_RULE\"}           | CONTINUE",
            "null                                | CONTINUE",
            "[\"STOP_RULE\"]                     | CONTINUE",
            "garbage <html>                      | CONTINUE",
            "``                                  | CONTINUE",
    })
    void theDispositionFollowsSesRules(String body, ActionOutcome expected) throws Exception {
        start("PT30S");
        function.reply(200, body == null ? "" : body);

        assertThat(plugin.execute(lambda(ARN, "RequestResponse", null), context)).isEqualTo(expected);
        assertThat(function.requests).hasSize(1);
    }

    @Test
    void aFunctionSlowerThanTheTimeoutFailsTheAction() {
        start("PT0.3S");
        function.hold();

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining(ARN)
                .hasMessageContaining("within PT0.3S");
        assertThat(function.requests).hasSize(1);
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aFunctionStallingItsResponseBodyTimesOutToo() {
        start("PT0.3S");
        function.reply(200, "{\"disposition\":\"STOP_RULE\"}").stallBody();

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", null), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining("within PT0.3S");
    }

    @Test
    void anHttpErrorFailsTheActionForBothInvocationTypes() {
        start("PT30S");
        function.reply(500, "{\"errorMessage\":\"boom\"}");

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining("answered HTTP 500")
                .hasMessageContaining("boom");
        // an Event is accepted only by a 2xx: nothing accepted is lost
        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "Event", TOPIC), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining("answered HTTP 500");
        assertThat(topics.published).isEmpty();
    }

    @Test
    void anEventContinuesWhateverTheFunctionAnswers() throws Exception {
        start("PT30S");
        function.reply(202, "{\"disposition\":\"STOP_RULE_SET\"}");

        assertThat(plugin.execute(lambda(ARN, null, null), context)).isEqualTo(ActionOutcome.CONTINUE);

        LambdaTestEndpoint.Request request = function.only();
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        JsonNode action = JSON.readTree(request.body()).at("/Records/0/ses/receipt/action");
        // InvocationType defaults to Event; no topicArn member without a TopicArn
        assertThat(names(action)).containsExactly("type", "functionArn", "invocationType");
        assertThat(action.get("invocationType").asText()).isEqualTo("Event");
    }

    @Test
    void theTopicIsNotifiedAfterTheInvocation() throws Exception {
        start("PT30S");
        function.reply(200, "{\"disposition\":\"STOP_RULE\"}");

        plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context);

        assertThat(topics.published).hasSize(1);
        RecordingTopicPublisher.Published published = topics.published.get(0);
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        assertThat(published.subject()).isEqualTo(TopicNotifications.SUBJECT);
        JsonNode notification = JSON.readTree(published.message());
        assertThat(notification.has("content")).isFalse();
        assertThat(notification.get("notificationType").asText()).isEqualTo("Received");
        JsonNode action = notification.at("/receipt/action");
        assertThat(names(action)).containsExactly("type", "topicArn", "functionArn", "invocationType");
        assertThat(action.get("functionArn").asText()).isEqualTo(ARN);
        assertThat(action.get("invocationType").asText()).isEqualTo("RequestResponse");
    }

    @Test
    void aUrlConfiguredForTheBareNameServesAQualifiedArn() throws Exception {
        startWith(Map.of("actions.lambda.functions", "on-mail=" + function.uri("/by-name")));
        function.reply(200, "{\"disposition\":\"STOP_RULE_SET\"}");

        assertThat(plugin.execute(lambda(ARN + ":prod", "RequestResponse", null), context))
                .isEqualTo(ActionOutcome.STOP_RULE_SET);
        assertThat(function.only().rawPath()).isEqualTo("/by-name");
        assertThat(JSON.readTree(function.only().body()).at("/Records/0/ses/receipt/action/functionArn").asText())
                .isEqualTo(ARN + ":prod");
    }

    @Test
    void strictValidationNeedsAConfiguredFunction() {
        start("PT30S");
        String unmapped = "arn:aws:lambda:us-east-1:123456789012:function:elsewhere";

        assertThatCode(() -> plugin.validate(lambda(ARN, "RequestResponse", TOPIC), TestContext.STRICT))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> plugin.validate(lambda(unmapped, null, null), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not invoke Lambda function: " + unmapped)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidLambdaFunction");
        // lenient: syntax only
        assertThatCode(() -> plugin.validate(lambda(unmapped, null, null), TestContext.LENIENT))
                .doesNotThrowAnyException();
        // a malformed ARN keeps its own message, in both modes
        assertThatThrownBy(() -> plugin.validate(lambda("on-mail", null, null), TestContext.LENIENT))
                .hasMessage("Invalid Lambda function: on-mail");
        assertThat(function.requests).as("validation never invokes").isEmpty();
    }

    @Test
    void strictValidationChecksTheTopicFirst() {
        start("PT30S");
        String unknownTopic = "arn:aws:sns:us-east-1:123456789012:unknown";
        String unmapped = "arn:aws:lambda:us-east-1:123456789012:function:elsewhere";

        assertThatThrownBy(() -> plugin.validate(lambda(unmapped, null, unknownTopic), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not publish to SNS topic: " + unknownTopic)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidSnsTopic");
    }

    @Test
    void settingsAreDeclaredAndChecked() {
        assertThat(plugin.settingDefaults()).containsExactly(
                Map.entry("actions.lambda.backend", "embedded"),
                Map.entry("actions.lambda.functions", ""),
                Map.entry("actions.lambda.endpoint", ""),
                Map.entry("actions.lambda.region", ""),
                Map.entry("actions.lambda.timeout", "PT30S"));
        assertThatThrownBy(() -> plugin.checkSettings(Map.of("actions.lambda.timeout", "30")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("actions.lambda.timeout");
    }

    private void start(String timeout) {
        startWith(Map.of("actions.lambda.functions", ARN + "=" + function.uri("/fn/on-mail"),
                "actions.lambda.timeout", timeout));
    }

    private void startWith(Map<String, String> settings) {
        plugin.start(new TestEnvironment(dir, settings).withTopics(topics));
    }

    static ActionSpec lambda(String functionArn, String invocationType, String topicArn) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("FunctionArn", functionArn);
        if (invocationType != null) {
            params.put("InvocationType", invocationType);
        }
        if (topicArn != null) {
            params.put("TopicArn", topicArn);
        }
        return new ActionSpec("LambdaAction", params);
    }

    static List<String> names(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

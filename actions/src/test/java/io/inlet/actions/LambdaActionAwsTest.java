package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.lambda.FunctionInvocationException;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.inlet.actions.LambdaActionHttpTest.ARN;
import static io.inlet.actions.LambdaActionHttpTest.ID;
import static io.inlet.actions.LambdaActionHttpTest.RAW;
import static io.inlet.actions.LambdaActionHttpTest.TOPIC;
import static io.inlet.actions.LambdaActionHttpTest.lambda;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * LambdaAction on the AWS SDK backend. Lambda cannot run here, so a loopback HTTP server plays the
 * Lambda API and the test checks the exact request the SDK sent and how each answer is read.
 */
class LambdaActionAwsTest {

    /** The SDK puts the FunctionName (our full ARN) into the path, URL-encoded. */
    private static final String FUNCTION_PATH = "/2015-03-31/functions/"
            + "arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Aon-mail";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static AwsCredentialProperties credentials;

    @TempDir
    Path dir;

    private final LambdaAction plugin = new LambdaAction();
    private final RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
    private LambdaTestEndpoint lambdaApi;
    private TestActionContext context;

    /** The backend reads credentials through the default chain; system properties come first in it. */
    @BeforeAll
    static void credentials() {
        credentials = AwsCredentialProperties.set("AKIDLAMBDATEST", "not-a-secret");
    }

    @AfterAll
    static void clearCredentials() {
        credentials.close();
    }

    @BeforeEach
    void setUp() throws IOException {
        lambdaApi = new LambdaTestEndpoint();
        context = TestActionContext.withMessage(dir, ID, RAW);
    }

    @AfterEach
    void tearDown() {
        plugin.close();
        lambdaApi.close();
    }

    @Test
    void requestResponseIsAnInvokeWithTheEventAsPayload() throws Exception {
        start("");
        lambdaApi.reply(200, "{\"disposition\":\"STOP_RULE_SET\"}", "Content-Type", "application/json");

        assertThat(plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context)).isEqualTo(ActionOutcome.STOP_RULE_SET);

        LambdaTestEndpoint.Request request = lambdaApi.only();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.rawPath()).isEqualTo(FUNCTION_PATH + "/invocations");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("RequestResponse");
        // signed for the region in the function's ARN
        assertThat(request.header("Authorization")).contains("AKIDLAMBDATEST/").contains("/us-east-1/lambda/aws4_request");
        JsonNode payload = JSON.readTree(request.body());
        assertThat(payload.at("/Records/0/eventSource").asText()).isEqualTo("aws:ses");
        assertThat(payload.at("/Records/0/eventVersion").asText()).isEqualTo("1.0");
        assertThat(payload.at("/Records/0/ses/mail/messageId").asText()).isEqualTo(ID);
        assertThat(payload.at("/Records/0/ses/receipt/action/type").asText()).isEqualTo("Lambda");
        assertThat(payload.at("/Records/0/ses/receipt/action/topicArn").asText()).isEqualTo(TOPIC);
        assertThat(payload.at("/Records/0/ses/receipt/action/functionArn").asText()).isEqualTo(ARN);
        assertThat(payload.at("/Records/0/ses/receipt/action/invocationType").asText()).isEqualTo("RequestResponse");
        assertThat(topics.published).hasSize(1);
    }

    @Test
    void anEventIsDoneWhenLambdaAcceptedIt() throws Exception {
        start("");
        lambdaApi.reply(202, "");

        assertThat(plugin.execute(lambda(ARN, "Event", null), context)).isEqualTo(ActionOutcome.CONTINUE);

        LambdaTestEndpoint.Request request = lambdaApi.only();
        assertThat(request.rawPath()).isEqualTo(FUNCTION_PATH + "/invocations");
        assertThat(request.header("X-Amz-Invocation-Type")).isEqualTo("Event");
        assertThat(JSON.readTree(request.body()).at("/Records/0/ses/receipt/action/invocationType").asText())
                .isEqualTo("Event");
    }

    @Test
    void aFunctionErrorFailsTheAction() {
        start("");
        lambdaApi.reply(200, "{\"errorMessage\":\"mailbox full\",\"errorType\":\"Error\"}",
                "Content-Type", "application/json", "X-Amz-Function-Error", "Unhandled");

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "RequestResponse", TOPIC), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining(ARN)
                .hasMessageContaining("function error Unhandled")
                .hasMessageContaining("mailbox full");
        assertThat(topics.published).isEmpty();
    }

    @Test
    void aRefusedInvokeFailsTheAction() {
        start("");
        lambdaApi.reply(404, "{\"Type\":\"User\",\"Message\":\"Function not found: " + ARN + "\"}",
                "Content-Type", "application/json", "x-amzn-ErrorType", "ResourceNotFoundException");

        assertThatThrownBy(() -> plugin.execute(lambda(ARN, "Event", null), context))
                .isInstanceOf(FunctionInvocationException.class)
                .hasMessageContaining("Invoke failed")
                .hasMessageContaining("Function not found");
    }

    @Test
    void aConfiguredRegionOverridesTheArnRegion() throws Exception {
        start("eu-west-1");
        lambdaApi.reply(202, "");

        plugin.execute(lambda(ARN, "Event", null), context);

        assertThat(lambdaApi.only().header("Authorization")).contains("/eu-west-1/lambda/aws4_request");
    }

    @Test
    void strictValidationAsksGetFunction() {
        start("");
        lambdaApi.reply(200, "{\"Configuration\":{\"FunctionName\":\"on-mail\",\"FunctionArn\":\"" + ARN + "\"}}",
                "Content-Type", "application/json");

        assertThatCode(() -> plugin.validate(lambda(ARN, "RequestResponse", TOPIC), TestContext.STRICT))
                .doesNotThrowAnyException();

        LambdaTestEndpoint.Request request = lambdaApi.only();
        assertThat(request.method()).isEqualTo("GET");
        assertThat(request.rawPath()).isEqualTo(FUNCTION_PATH);
    }

    @Test
    void strictValidationRefusesAFunctionGetFunctionDoesNotFind() {
        start("");
        lambdaApi.reply(404, "{\"Type\":\"User\",\"Message\":\"Function not found: " + ARN + "\"}",
                "Content-Type", "application/json", "x-amzn-ErrorType", "ResourceNotFoundException");

        assertThatThrownBy(() -> plugin.validate(lambda(ARN, null, null), TestContext.STRICT))
                .isInstanceOf(ActionValidationException.class)
                .hasMessage("Could not invoke Lambda function: " + ARN)
                .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo("InvalidLambdaFunction");
        assertThat(lambdaApi.requests).isNotEmpty().allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));

        // lenient mode does not ask
        lambdaApi.requests.clear();
        assertThatCode(() -> plugin.validate(lambda(ARN, null, null), TestContext.LENIENT)).doesNotThrowAnyException();
        assertThat(lambdaApi.requests).isEmpty();
    }

    private void start(String region) {
        Map<String, String> settings = new HashMap<>();
        settings.put("actions.lambda.backend", "aws");
        settings.put("actions.lambda.endpoint", lambdaApi.uri("").toString());
        settings.put("actions.lambda.region", region);
        settings.put("actions.lambda.timeout", "PT30S");
        plugin.start(new TestEnvironment(dir, settings).withTopics(topics));
    }
}

package io.inlet.actions;

import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The declared parameters, in violation-report order. Notation: {@code Name!} required,
 * {@code [a;b]} allowed values in SES's listing order, {@code =x} the default filled in when omitted.
 */
class ActionParametersTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            S3Action        | BucketName!, ObjectKeyPrefix, KmsKeyArn, TopicArn, IamRoleArn
            BounceAction    | SmtpReplyCode!, Sender!, Message!, StatusCode, TopicArn
            WorkmailAction  | OrganizationArn!, TopicArn
            LambdaAction    | FunctionArn!, InvocationType[RequestResponse;Event]=Event, TopicArn
            StopAction      | Scope![RuleSet], TopicArn
            AddHeaderAction | HeaderName!, HeaderValue!
            SNSAction       | Encoding[Base64;UTF-8]=UTF-8, TopicArn!
            ConnectAction   | InstanceARN!, IAMRoleARN!
            """)
    void declarations(String type, String expected) {
        ActionPlugin plugin = ServiceLoader.load(ActionPlugin.class).stream()
                .map(ServiceLoader.Provider::get)
                .filter(p -> p.type().equals(type))
                .findFirst().orElseThrow();
        assertThat(String.join(", ", plugin.parameters().stream().map(ActionParametersTest::describe).toList()))
                .isEqualTo(expected);
    }

    private static String describe(ActionParameter p) {
        return p.name()
                + (p.required() ? "!" : "")
                + (p.allowedValues().isEmpty() ? "" : "[" + String.join(";", p.allowedValues()) + "]")
                + (p.defaultValue() == null ? "" : "=" + p.defaultValue());
    }
}

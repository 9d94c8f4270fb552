package io.inlet.actions;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every built-in plugin's validate(): one row per case, with the exact SES code and message.
 * Rows run in strict mode unless marked lenient.
 */
class ActionPluginValidationTest {

    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:mail";
    private static final String BAD_TOPIC = "non-existent-topic";
    private static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:on-mail";
    private static final String KMS = "arn:aws:kms:us-east-1:123456789012:alias/aws/ses";
    private static final String ROLE = "arn:aws:iam::123456789012:role/ses-role";
    private static final String ORG = "arn:aws:workmail:us-east-1:123456789012:organization/m-68755160c4cb4e29a2b2f8fb58f359d7";
    private static final String INSTANCE = "arn:aws:connect:us-east-1:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    private static final String OK = null;
    private static final String IPV = "InvalidParameterValue";
    private static final String SNS = "InvalidSnsTopic";
    private static final String S3 = "InvalidS3Configuration";
    private static final String LAMBDA = "InvalidLambdaFunction";

    static Stream<Arguments> rows() {
        return Stream.of(
                // S3Action: syntax only here; an unstarted plugin has no store, so the rows that pass
                // the syntax checks run lenient. Targets (bucket, setup object) are in S3Action*Test.
                lenient(new S3Action(), OK, null, params("BucketName", "mail-bucket")),
                lenient(new S3Action(), OK, null, params("BucketName", "mail-bucket", "ObjectKeyPrefix", "in/",
                        "TopicArn", TOPIC, "IamRoleArn", ROLE)),
                // no KMS endpoint can be configured yet, so even a well-formed key is unusable, in both modes
                row(new S3Action(), S3, "Unable to use AWS KMS key: " + KMS, "BucketName", "mail-bucket", "KmsKeyArn", KMS),
                lenient(new S3Action(), S3, "Unable to use AWS KMS key: " + KMS, params("BucketName", "mail-bucket", "KmsKeyArn", KMS)),
                row(new S3Action(), IPV, "Bucket name must not be empty", "BucketName", ""),
                row(new S3Action(), IPV, "Bucket name must not be empty"),
                row(new S3Action(), S3, "Could not write to bucket: My_Bucket", "BucketName", "My_Bucket"),
                row(new S3Action(), S3, "Could not write to bucket: ab", "BucketName", "ab"),
                row(new S3Action(), S3, "Unable to use AWS KMS key: non-existent-key", "BucketName", "b-1", "KmsKeyArn", "non-existent-key"),
                row(new S3Action(), S3, "Unable to use AWS KMS key: ", "BucketName", "b-1", "KmsKeyArn", ""),
                row(new S3Action(), SNS, "Invalid SNS topic: non-existent-topic", "BucketName", "b-1", "TopicArn", BAD_TOPIC),
                row(new S3Action(), SNS, "Invalid SNS topic: ", "BucketName", "b-1", "TopicArn", ""),
                // the topic is checked before the bucket (probed order)
                row(new S3Action(), SNS, "Invalid SNS topic: non-existent-topic", "BucketName", "", "TopicArn", BAD_TOPIC),
                // the bucket before the key, the key before the role
                row(new S3Action(), S3, "Could not write to bucket: B", "BucketName", "B", "KmsKeyArn", "x", "IamRoleArn", "y"),
                row(new S3Action(), S3, "Unable to use AWS KMS key: x", "BucketName", "b-1", "KmsKeyArn", "x", "IamRoleArn", "y"),

                // BounceAction
                row(new BounceAction(), OK, null, bounce("550", "5.1.1", "Mailbox does not exist", "bounce@example.com")),
                row(new BounceAction(), OK, null, bounce("450", null, "Temporary failure", "any@example.org")),
                row(new BounceAction(), IPV, "Invalid SMTP reply code: ", bounce("", "5.1.1", "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP reply code: 250", bounce("250", null, "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP reply code: 55", bounce("55", null, "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP status code: 5.1", bounce("550", "5.1", "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP status code: 2.0.0", bounce("550", "2.0.0", "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP status code: ", bounce("550", "", "m", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP response message: ", bounce("550", null, "", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP response message: a\r\nb", bounce("550", null, "a\r\nb", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid SMTP response message: a\nb", bounce("550", null, "a\nb", "bounce@example.com")),
                row(new BounceAction(), IPV, "Invalid sender address: not-an-address", bounce("550", null, "m", "not-an-address")),
                row(new BounceAction(), IPV, "Identity is not verified: other@example.net", bounce("550", null, "m", "other@example.net")),
                // the message is checked before the sender (probed)
                row(new BounceAction(), IPV, "Invalid SMTP response message: ", bounce("550", null, "", "other@example.net")),
                row(new BounceAction(), SNS, "Invalid SNS topic: non-existent-topic",
                        with(bounce("550", null, "m", "bounce@example.com"), "TopicArn", BAD_TOPIC)),
                row(new BounceAction(), OK, null, with(bounce("550", null, "m", "bounce@example.com"), "TopicArn", TOPIC)),
                lenient(new BounceAction(), OK, null, bounce("550", null, "m", "other@example.net")),
                lenient(new BounceAction(), IPV, "Invalid sender address: no at sign", bounce("550", null, "m", "no at sign")),

                // WorkmailAction
                row(new WorkmailAction(), OK, null, "OrganizationArn", ORG),
                row(new WorkmailAction(), OK, null, "OrganizationArn", ORG, "TopicArn", TOPIC),
                row(new WorkmailAction(), IPV, "Invalid WorkMail organization: m-123", "OrganizationArn", "m-123"),
                row(new WorkmailAction(), IPV, "Invalid WorkMail organization: ", "OrganizationArn", ""),
                row(new WorkmailAction(), SNS, "Invalid SNS topic: non-existent-topic", "OrganizationArn", ORG, "TopicArn", BAD_TOPIC),

                // LambdaAction
                row(new LambdaAction(), OK, null, "FunctionArn", FUNCTION),
                row(new LambdaAction(), OK, null, "FunctionArn", FUNCTION + ":prod", "InvocationType", "RequestResponse", "TopicArn", TOPIC),
                row(new LambdaAction(), IPV, "Lambda function ARN must not be empty", "FunctionArn", ""),
                row(new LambdaAction(), LAMBDA, "Invalid Lambda function: non-existent-function", "FunctionArn", "non-existent-function"),
                row(new LambdaAction(), LAMBDA, "Invalid Lambda function: arn:aws:lambda:us-east-1:123456789012:function",
                        "FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function"),
                row(new LambdaAction(), SNS, "Invalid SNS topic: non-existent-topic", "FunctionArn", FUNCTION, "TopicArn", BAD_TOPIC),

                // StopAction
                row(new StopAction(), OK, null, "Scope", "RuleSet"),
                row(new StopAction(), OK, null, "Scope", "RuleSet", "TopicArn", TOPIC),
                row(new StopAction(), SNS, "Invalid SNS topic: non-existent-topic", "Scope", "RuleSet", "TopicArn", BAD_TOPIC),

                // AddHeaderAction
                row(new AddHeaderAction(), OK, null, "HeaderName", "X-Inlet-Rule", "HeaderValue", "matched"),
                row(new AddHeaderAction(), OK, null, "HeaderName", "X-Empty", "HeaderValue", ""),
                row(new AddHeaderAction(), IPV, "Invalid header name: X Inlet", "HeaderName", "X Inlet", "HeaderValue", "v"),
                row(new AddHeaderAction(), IPV, "Invalid header name: X:Inlet", "HeaderName", "X:Inlet", "HeaderValue", "v"),
                row(new AddHeaderAction(), IPV, "Invalid header name: ", "HeaderName", "", "HeaderValue", "v"),
                row(new AddHeaderAction(), IPV, "Invalid header name: " + "H".repeat(51), "HeaderName", "H".repeat(51), "HeaderValue", "v"),
                row(new AddHeaderAction(), IPV, "Invalid header value: a\r\nBcc: x@y", "HeaderName", "X-A", "HeaderValue", "a\r\nBcc: x@y"),
                row(new AddHeaderAction(), IPV, "Invalid header value: " + "v".repeat(2049), "HeaderName", "X-A", "HeaderValue", "v".repeat(2049)),
                row(new AddHeaderAction(), OK, null, "HeaderName", "X-A", "HeaderValue", "v".repeat(2048)),

                // SNSAction
                row(new SNSAction(), OK, null, "TopicArn", TOPIC, "Encoding", "UTF-8"),
                row(new SNSAction(), OK, null, "TopicArn", TOPIC, "Encoding", "Base64"),
                row(new SNSAction(), SNS, "Invalid SNS topic: non-existent-topic", "TopicArn", BAD_TOPIC),
                row(new SNSAction(), SNS, "Invalid SNS topic: ", "TopicArn", ""),
                row(new SNSAction(), SNS, "Invalid SNS topic: "),

                // ConnectAction: no Amazon Connect here; strict refuses what only a plugin jar could run
                row(new ConnectAction(), IPV, "ConnectAction needs an action plugin that provides it: none is installed",
                        "InstanceARN", INSTANCE, "IAMRoleARN", ROLE),
                lenient(new ConnectAction(), OK, null, params("InstanceARN", INSTANCE, "IAMRoleARN", ROLE))
        );
    }

    @ParameterizedTest(name = "{0} {1} → {3} {4}")
    @MethodSource("rows")
    void validate(ActionPlugin plugin, Map<String, String> params, boolean strict, String code, String message) {
        ActionSpec spec = new ActionSpec(plugin.type(), params);
        TestContext context = strict ? TestContext.STRICT : TestContext.LENIENT;
        if (code == null) {
            assertThatCode(() -> plugin.validate(spec, context)).doesNotThrowAnyException();
        } else {
            assertThatThrownBy(() -> plugin.validate(spec, context))
                    .isInstanceOf(ActionValidationException.class)
                    .hasMessage(message)
                    .extracting(e -> ((ActionValidationException) e).errorCode()).isEqualTo(code);
        }
    }

    private static Arguments row(ActionPlugin plugin, String code, String message, String... keyValues) {
        return Arguments.of(plugin, params(keyValues), true, code, message);
    }

    private static Arguments row(ActionPlugin plugin, String code, String message, Map<String, String> params) {
        return Arguments.of(plugin, params, true, code, message);
    }

    private static Arguments lenient(ActionPlugin plugin, String code, String message, Map<String, String> params) {
        return Arguments.of(plugin, params, false, code, message);
    }

    private static Map<String, String> bounce(String replyCode, String status, String message, String sender) {
        Map<String, String> m = params("SmtpReplyCode", replyCode, "Message", message, "Sender", sender);
        if (status != null) {
            m.put("StatusCode", status);
        }
        return m;
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static Map<String, String> params(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}

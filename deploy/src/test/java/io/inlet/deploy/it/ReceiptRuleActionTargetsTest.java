package io.inlet.deploy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.InvalidLambdaFunctionException;
import software.amazon.awssdk.services.ses.model.InvalidS3ConfigurationException;
import software.amazon.awssdk.services.ses.model.InvalidSnsTopicException;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.StopAction;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.inlet.deploy.it.Rules.BUCKET;
import static io.inlet.deploy.it.Rules.FUNCTION;
import static io.inlet.deploy.it.Rules.KMS_KEY;
import static io.inlet.deploy.it.Rules.WORKMAIL_ORG;
import static io.inlet.deploy.it.Rules.describe;
import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertSesErrorCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Strict validation of receipt action targets through the SDK: SNS topics, Lambda functions, S3
 * buckets and KMS keys, bounce members and senders, header actions and Stop, and what lenient
 * validation still checks (SES-RECEIVING.md §6.4, §6.6; peers.md G-RR).
 */
class ReceiptRuleActionTargetsTest extends ReceiptRuleTestBase {
    // --- topics, functions, buckets ----------------------------------------------------------------

    static Stream<Arguments> malformedTopics() {
        String bad = "non-existent-topic";
        return Stream.of(
                Arguments.of("SNSAction", Rules.sns(bad)),
                Arguments.of("SNSAction-lambda-arn", Rules.sns(FUNCTION)),
                Arguments.of("S3Action", Rules.s3(S3Action.builder().bucketName(BUCKET).topicArn(bad).build())),
                Arguments.of("BounceAction", Rules.bounce(BounceAction.builder().smtpReplyCode("550").message("m")
                        .sender(VERIFIED_ADDRESS).topicArn(bad).build())),
                Arguments.of("WorkmailAction", Rules.workmail(WORKMAIL_ORG, bad)),
                Arguments.of("LambdaAction", Rules.lambda(FUNCTION, InvocationType.EVENT, bad)),
                Arguments.of("StopAction", Rules.stop(bad)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedTopics")
    void aMalformedTopicOnAnyActionIsInvalidSnsTopic(String type, ReceiptAction action) {
        String set = newSet();
        String topic = topicOf(action);
        assertSesError(() -> Rules.create(ses, set, rule("r", List.of(), action)),
                InvalidSnsTopicException.class, "InvalidSnsTopic", "Invalid SNS topic: " + topic);
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    private static String topicOf(ReceiptAction a) {
        if (a.snsAction() != null) {
            return a.snsAction().topicArn();
        } else if (a.s3Action() != null) {
            return a.s3Action().topicArn();
        } else if (a.bounceAction() != null) {
            return a.bounceAction().topicArn();
        } else if (a.workmailAction() != null) {
            return a.workmailAction().topicArn();
        } else if (a.lambdaAction() != null) {
            return a.lambdaAction().topicArn();
        }
        return a.stopAction().topicArn();
    }

    @ParameterizedTest
    @ValueSource(strings = {"non-existent-function", "arn:aws:sns:us-east-1:123456789012:topic", "arn:aws:lambda:us-east-1:123:function:fn"})
    void aMalformedFunctionIsInvalidLambdaFunction(String function) {
        String set = newSet();
        assertSesError(() -> Rules.create(ses, set, rule("r", List.of(), Rules.lambda(function))),
                InvalidLambdaFunctionException.class, "InvalidLambdaFunction", "Invalid Lambda function: " + function);
    }

    @Test
    void anEmptyFunctionIsInvalidParameterValue() {
        assertInvalidParameter(() -> Rules.create(ses, newSet(), rule("r", List.of(), Rules.lambda(""))),
                "Lambda function ARN must not be empty");
    }

    @Test
    void s3ActionTargetErrors() {
        String set = newSet();
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.s3(""))),
                "Bucket name must not be empty");
        // §6.4 records two texts (floci's probe / a real CloudFormation error); either is SES's
        assertS3Configuration(() -> Rules.create(ses, set, rule("r", List.of(), Rules.s3("Not_A_Valid_Bucket"))),
                "No such bucket: Not_A_Valid_Bucket", "Could not write to bucket: Not_A_Valid_Bucket");
        assertS3Configuration(() -> Rules.create(ses, set, rule("r", List.of(), Rules.s3("no-such-bucket-here"))),
                "No such bucket: no-such-bucket-here", "Could not write to bucket: no-such-bucket-here");
        assertSesError(() -> Rules.create(ses, set, rule("r", List.of(), Rules.s3(S3Action.builder().bucketName(BUCKET)
                        .kmsKeyArn("non-existent-key").build()))),
                InvalidS3ConfigurationException.class, "InvalidS3Configuration", "Unable to use AWS KMS key: non-existent-key");
        // Part 1: without a configured KMS endpoint no key is usable, so a well-formed one is refused too
        assertSesError(() -> Rules.create(ses, set, rule("r", List.of(), Rules.s3(S3Action.builder().bucketName(BUCKET)
                        .kmsKeyArn(KMS_KEY).build()))),
                InvalidS3ConfigurationException.class, "InvalidS3Configuration", "Unable to use AWS KMS key: " + KMS_KEY);
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    private static void assertS3Configuration(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String... messages) {
        assertThatThrownBy(call)
                .isExactlyInstanceOf(InvalidS3ConfigurationException.class)
                .satisfies(e -> {
                    SesException error = (SesException) e;
                    assertThat(error.awsErrorDetails().errorCode()).isEqualTo("InvalidS3Configuration");
                    assertThat(error.awsErrorDetails().errorMessage()).isIn((Object[]) messages);
                });
    }

    // --- bounce, header and stop actions ------------------------------------------------------------

    @Test
    void bounceActionValidationInProbedOrder() {
        String set = newSet();
        String unverified = "nobody@unverified.example";
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.bounce(BounceAction.builder()
                        .smtpReplyCode("").message("m").sender(VERIFIED_ADDRESS).build()))),
                "Invalid SMTP reply code: ");
        // the message is checked before the sender
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.bounce(BounceAction.builder()
                        .smtpReplyCode("550").message("").sender(unverified).build()))),
                "Invalid SMTP response message: ");
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.bounce(unverified))),
                "Identity is not verified: " + unverified);
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    @Test
    void bounceSenderMayBeAVerifiedAddressOrAnAddressOfAVerifiedDomain() {
        String set = newSet();
        Rules.create(ses, set, rule("address", List.of(), Rules.bounce(VERIFIED_ADDRESS)));
        Rules.create(ses, set, rule("domain", List.of(), Rules.bounce("anyone@" + VERIFIED_DOMAIN)));
        Rules.create(ses, set, rule("domain-case", List.of(), Rules.bounce("Anyone@VERIFIED.Example")));
        Rules.create(ses, set, rule("subdomain", List.of(), Rules.bounce("anyone@mail." + VERIFIED_DOMAIN)));
        assertThat(describe(ses, set, "address").actions().get(0).bounceAction().sender()).isEqualTo(VERIFIED_ADDRESS);
        assertThat(describe(ses, set, "domain-case").actions().get(0).bounceAction().sender()).isEqualTo("Anyone@VERIFIED.Example");
    }

    @Test
    void aBounceSenderIsNoLongerVerifiedOnceItsIdentityIsDeleted() {
        String domain = unique("temp") + ".example";
        String sender = "postmaster@" + domain;
        ses.verifyDomainIdentity(b -> b.domain(domain));
        String set = newSet();
        Rules.create(ses, set, rule("r", List.of(), Rules.bounce(sender)));

        ses.deleteIdentity(b -> b.identity(domain));

        assertInvalidParameter(() -> Rules.create(ses, set, rule("r2", List.of(), Rules.bounce(sender))),
                "Identity is not verified: " + sender);
        assertInvalidParameter(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(), Rules.bounce(sender)))),
                "Identity is not verified: " + sender);
    }

    @Test
    void aNonNumericSmtpReplyCodeIsRejected() {
        assertInvalidParameter(() -> Rules.create(ses, newSet(), rule("r", List.of(), Rules.bounce(BounceAction.builder()
                        .smtpReplyCode("abc").message("m").sender(VERIFIED_ADDRESS).build()))),
                "Invalid SMTP reply code: abc");
    }

    @Test
    void addHeaderNamesMustBeFieldNamesButValuesMayBeEmpty() {
        String set = newSet();
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("Bad:Name", "v"))),
                "Invalid header name: Bad:Name");
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("Bad Name", "v"))),
                "Invalid header name: Bad Name");

        Rules.create(ses, set, rule("empty-value", List.of(), Rules.addHeader("X-Empty", "")));
        assertThat(describe(ses, set, "empty-value").actions().get(0).addHeaderAction().headerValue()).isEmpty();
    }

    @Test
    void addHeaderNameLengthAndValueLimits() {
        String set = newSet();
        String fifty = "X-" + "n".repeat(48);
        String fiftyOne = fifty + "n";
        Rules.create(ses, set, rule("fifty", List.of(), Rules.addHeader(fifty, "v")));
        assertInvalidParameter(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader(fiftyOne, "v"))),
                "Invalid header name: " + fiftyOne);
        // no CR or LF in the value, and not beyond 2048 characters (the texts are not recorded)
        assertSesErrorCode(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("X-Inject", "v\r\nBcc: x@example.com"))),
                SesException.class, "InvalidParameterValue");
        assertSesErrorCode(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("X-Inject", "v\nmore"))),
                SesException.class, "InvalidParameterValue");
        assertSesErrorCode(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("X-Long", "v".repeat(2049)))),
                SesException.class, "InvalidParameterValue");
        assertThat(ruleNames(ses, set)).containsExactly("fifty");
    }

    @Test
    void stopMustBeTheLastAction() {
        String set = newSet();
        assertSesErrorCode(() -> Rules.create(ses, set, rule("r", List.of(), Rules.stop(), Rules.addHeader("X", "1"))),
                SesException.class, "InvalidParameterValue");
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    // --- lenient validation ------------------------------------------------------------------------------

    @Test
    void lenientValidationAcceptsAnUnverifiedBounceSenderButStillChecksSyntax(@TempDir Path lenientDir) {
        try (RunningInlet lenient = RunningInlet.start(lenientDir, Map.of("actions.validation", "lenient"))) {
            SesClient client = lenient.ses();
            client.createReceiptRuleSet(b -> b.ruleSetName("s"));
            ReceiptRule rule = rule("bounce", List.of(), Rules.bounce("nobody@unverified.example"));

            Rules.create(client, "s", rule);
            assertThat(describe(client, "s", "bounce")).isEqualTo(rule);

            // no bucket check in lenient mode
            ReceiptRule s3 = rule("s3", List.of(), Rules.s3("bucket-created-later"));
            Rules.create(client, "s", s3);
            assertThat(describe(client, "s", "s3")).isEqualTo(s3);

            assertSesError(() -> Rules.create(client, "s", rule("sns", List.of(), Rules.sns("not-a-topic"))),
                    InvalidSnsTopicException.class, "InvalidSnsTopic", "Invalid SNS topic: not-a-topic");
            assertSesError(() -> Rules.create(client, "s", rule("fn", List.of(), Rules.lambda("not-a-function"))),
                    InvalidLambdaFunctionException.class, "InvalidLambdaFunction", "Invalid Lambda function: not-a-function");
            assertInvalidParameter(() -> Rules.create(client, "s", rule("b2", List.of(), Rules.bounce(BounceAction.builder()
                            .smtpReplyCode("").message("m").sender("x@y.example").build()))),
                    "Invalid SMTP reply code: ");
        }
    }
}

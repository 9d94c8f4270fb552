package io.inlet.deploy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.RuleSetDoesNotExistException;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.StopAction;

import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.inlet.deploy.it.Rules.BUCKET;
import static io.inlet.deploy.it.Rules.CONNECT_INSTANCE;
import static io.inlet.deploy.it.Rules.FUNCTION;
import static io.inlet.deploy.it.Rules.ROLE;
import static io.inlet.deploy.it.Rules.TOPIC;
import static io.inlet.deploy.it.Rules.describe;
import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static io.inlet.deploy.it.SesErrors.patternViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Validation of CreateReceiptRule requests and its order: names, shapes, enum values, required
 * members and model patterns come before the set's existence, duplicates and action targets; the
 * action limit (SES-RECEIVING.md §5, §6.2, §6.8; peers.md G-RR).
 */
class ReceiptRuleValidationTest extends ReceiptRuleTestBase {
    // --- CreateReceiptRule: validation and its order ------------------------------------------------

    @Test
    void malformedRuleSetNameIsReportedFirst() {
        assertValidationError(() -> Rules.create(ses, "bad set", rule("bad name")), patternViolation("ruleSetName"));
    }

    @Test
    void malformedRuleNameIsReportedBeforeTheSetExistence() {
        assertValidationError(() -> Rules.create(ses, "no-such-set", rule("_12 3")), patternViolation("rule.name"));
        assertValidationError(() -> Rules.create(ses, newSet(), rule("bad/name")), patternViolation("rule.name"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_123", "123_", ".abc", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void ruleNameTooLongOrWithBadBoundaryIsInvalidParameterValueBeforeTheSetExistence(String name) {
        assertInvalidParameter(() -> Rules.create(ses, "no-such-set", rule(name)), "Not a valid ruleName: " + name);
    }

    @Test
    void emptyRuleNameViolatesLengthAndPattern() {
        assertValidationError(() -> Rules.create(ses, newSet(), rule("")),
                "2 validation errors detected: "
                        + "Value at 'rule.name' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                        + "Value at 'rule.name' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + SesErrors.NAME_PATTERN);
    }

    @Test
    void ruleShapeViolationsComeBeforeTheServiceLevelNameCheck() {
        String tooLong = "r".repeat(65);
        assertValidationError(() -> Rules.create(ses, "no-such-set", ReceiptRule.builder().name(tooLong).tlsPolicy("Bogus").build()),
                "1 validation error detected: Value 'Bogus' at 'rule.tlsPolicy' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Optional, Require]");
    }

    @Test
    void setExistenceAndDuplicatesAreCheckedBeforeActionTargets() {
        ReceiptRule badTopic = rule("dup", List.of(), Rules.sns("not-a-topic"));
        assertSesError(() -> Rules.create(ses, "no-such-set", badTopic),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: no-such-set");
        String set = newSet();
        Rules.create(ses, set, rule("dup"));
        assertSesError(() -> Rules.create(ses, set, badTopic),
                AlreadyExistsException.class, "AlreadyExists", "Rule already exists: dup");
    }

    @Test
    void unknownEnumValuesAreValidationErrorsWithTheirMemberPaths() {
        String set = newSet();
        assertValidationError(() -> Rules.create(ses, set, ReceiptRule.builder().name("r").tlsPolicy("Bogus").build()),
                "1 validation error detected: Value 'Bogus' at 'rule.tlsPolicy' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Optional, Require]");
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), ReceiptAction.builder()
                        .snsAction(SNSAction.builder().topicArn(TOPIC).encoding("Bogus").build()).build())),
                "1 validation error detected: Value 'Bogus' at 'rule.actions.1.member.sNSAction.encoding' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [Base64, UTF-8]");
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("X", "1"), ReceiptAction.builder()
                        .lambdaAction(LambdaAction.builder().functionArn(FUNCTION).invocationType("Bogus").build()).build())),
                "1 validation error detected: Value 'Bogus' at 'rule.actions.2.member.lambdaAction.invocationType' failed to "
                        + "satisfy constraint: Member must satisfy enum value set: [RequestResponse, Event]");
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), ReceiptAction.builder()
                        .stopAction(StopAction.builder().scope("Rule").build()).build())),
                "1 validation error detected: Value 'Rule' at 'rule.actions.1.member.stopAction.scope' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [RuleSet]");
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    @Test
    void missingRequiredActionMembersAreReportedTogetherInModelOrder() {
        String set = newSet();
        String bounce = "rule.actions.1.member.bounceAction.";
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(),
                        Rules.bounce(BounceAction.builder().statusCode("5.1.1").build()))),
                "3 validation errors detected: "
                        + "Value null at '" + bounce + "smtpReplyCode' failed to satisfy constraint: Member must not be null; "
                        + "Value null at '" + bounce + "sender' failed to satisfy constraint: Member must not be null; "
                        + "Value null at '" + bounce + "message' failed to satisfy constraint: Member must not be null");
        String sns = "rule.actions.1.member.sNSAction.";
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), ReceiptAction.builder()
                        .snsAction(SNSAction.builder().encoding("Bogus").build()).build())),
                "2 validation errors detected: "
                        + "Value 'Bogus' at '" + sns + "encoding' failed to satisfy constraint: Member must satisfy enum value set: "
                        + "[Base64, UTF-8]; "
                        + "Value null at '" + sns + "topicArn' failed to satisfy constraint: Member must not be null");
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    // --- model patterns and required members of the ARNs -------------------------------------------

    /** The IAMRoleARN shape's pattern (SES model, §6.8), used by S3Action.IamRoleArn and ConnectAction.IAMRoleARN. */
    static final String IAM_ROLE_PATTERN = "arn:[\\w-]+:iam::[0-9]+:role(/)([!-~]+/)?([\\w+=,.@-]+)";

    /**
     * §6.8: IAMRoleARN (length 20-2048 and a pattern) and ConnectInstanceArn (a pattern) are the
     * receiving members the SES model itself constrains; a value the SDK sends that breaks the
     * model's pattern is refused by the service's model validation, i.e. a Smithy ValidationError
     * naming the member path (§6.2), as for every other model constraint.
     */
    static Stream<Arguments> arnsBreakingTheModelPattern() {
        String notARole = "arn:aws:iam::123456789012:user/not-a-role";
        String pattern = "' failed to satisfy constraint: Member must satisfy regular expression pattern: ";
        return Stream.of(
                Arguments.of("S3Action.IamRoleArn",
                        Rules.s3(S3Action.builder().bucketName(BUCKET).iamRoleArn(notARole).build()),
                        "Value at 'rule.actions.1.member.s3Action.iamRoleArn" + pattern + IAM_ROLE_PATTERN),
                Arguments.of("ConnectAction.IAMRoleARN", Rules.connect(CONNECT_INSTANCE, notARole),
                        "Value at 'rule.actions.1.member.connectAction.iAMRoleARN" + pattern + IAM_ROLE_PATTERN),
                Arguments.of("ConnectAction.InstanceARN",
                        Rules.connect("arn:aws:connect:us-east-1:123456789012:instance/not-a-uuid", ROLE),
                        "Value at 'rule.actions.1.member.connectAction.instanceARN" + pattern + "arn:(aws|aws-us-gov):connect:"));
    }

    /**
     * §6.8: IAMRoleARN (length 20-2048 and a pattern) and ConnectInstanceArn (a pattern) are the
     * receiving members the SES model itself constrains; a value the SDK sends that breaks the
     * model's pattern is refused by the service's model validation, i.e. a Smithy ValidationError
     * naming the member path (§6.2), as for every other model constraint.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("arnsBreakingTheModelPattern")
    void arnsBreakingTheModelPatternAreValidationErrors(String member, ReceiptAction action, String violation) {
        String set = newSet();
        assertSesErrorMessageContains(() -> Rules.create(ses, set, rule("r", List.of(), action)), violation);
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    private static void assertSesErrorMessageContains(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String part) {
        assertThatThrownBy(call).isExactlyInstanceOf(SesException.class).satisfies(t -> {
            SesException e = (SesException) t;
            assertThat(e.awsErrorDetails().errorCode()).as("error code").isEqualTo("ValidationError");
            assertThat(e.awsErrorDetails().errorMessage()).as("error message")
                    .startsWith("1 validation error detected: ").contains(part);
        });
    }

    @Test
    void missingConnectMembersAreShapeViolations() {
        String set = newSet();
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), ReceiptAction.builder().connectAction(
                        software.amazon.awssdk.services.ses.model.ConnectAction.builder().instanceARN(CONNECT_INSTANCE).build())
                        .build())),
                "1 validation error detected: Value null at 'rule.actions.1.member.connectAction.iAMRoleARN' failed to satisfy "
                        + "constraint: Member must not be null");
        assertValidationError(() -> Rules.create(ses, set, rule("r", List.of(), Rules.addHeader("X", "1"), ReceiptAction.builder()
                        .s3Action(S3Action.builder().objectKeyPrefix("p/").build()).build())),
                "1 validation error detected: Value null at 'rule.actions.2.member.s3Action.bucketName' failed to satisfy "
                        + "constraint: Member must not be null");
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    // --- limit: 10 actions per rule by default (the rules limit: ReceiptLimitsTest) ------------------

    @Test
    void elevenActionsExceedTheDefaultLimitOnCreateAndUpdate() {
        String set = newSet();
        ReceiptAction[] ten = IntStream.rangeClosed(1, 10).mapToObj(i -> Rules.addHeader("X-" + i, "v")).toArray(ReceiptAction[]::new);
        ReceiptAction[] eleven = IntStream.rangeClosed(1, 11).mapToObj(i -> Rules.addHeader("X-" + i, "v")).toArray(ReceiptAction[]::new);

        assertSesError(() -> Rules.create(ses, set, rule("r", List.of(), eleven)),
                LimitExceededException.class, "LimitExceeded", "Too many actions");
        Rules.create(ses, set, rule("r", List.of(), ten));
        assertThat(describe(ses, set, "r").actions()).hasSize(10);
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(), eleven))),
                LimitExceededException.class, "LimitExceeded", "Too many actions");
        assertThat(describe(ses, set, "r").actions()).hasSize(10);
    }
}

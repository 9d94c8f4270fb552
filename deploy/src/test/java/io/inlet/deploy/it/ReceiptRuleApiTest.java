package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.InvalidLambdaFunctionException;
import software.amazon.awssdk.services.ses.model.InvalidS3ConfigurationException;
import software.amazon.awssdk.services.ses.model.InvalidSnsTopicException;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.RuleDoesNotExistException;
import software.amazon.awssdk.services.ses.model.RuleSetDoesNotExistException;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.StopAction;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.inlet.deploy.it.Rules.BUCKET;
import static io.inlet.deploy.it.Rules.CONNECT_INSTANCE;
import static io.inlet.deploy.it.Rules.FUNCTION;
import static io.inlet.deploy.it.Rules.KMS_KEY;
import static io.inlet.deploy.it.Rules.OTHER_TOPIC;
import static io.inlet.deploy.it.Rules.ROLE;
import static io.inlet.deploy.it.Rules.TOPIC;
import static io.inlet.deploy.it.Rules.WORKMAIL_ORG;
import static io.inlet.deploy.it.Rules.describe;
import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertSesErrorCode;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static io.inlet.deploy.it.SesErrors.patternViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Receipt rule operations through the SDK: Create, Update, Delete, Describe and
 * SetReceiptRulePosition, every action type, defaults, validation and its precedence
 * (SES-RECEIVING.md §1.4-§1.7, §3, §5, §6.4, §6.6; peers.md G-RR). Strict action validation.
 */
class ReceiptRuleApiTest {
    static final String VERIFIED_DOMAIN = "verified.example";
    static final String VERIFIED_ADDRESS = "bouncer@example.org";

    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir, Map.of("limits.rule-sets", "250", "actions.s3.buckets", Rules.BUCKET));
        ses = inlet.ses();
        ses.verifyDomainIdentity(b -> b.domain(VERIFIED_DOMAIN));
        ses.verifyEmailIdentity(b -> b.emailAddress(VERIFIED_ADDRESS));
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    /** A new empty rule set. */
    static String newSet() {
        String set = unique("rules");
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        return set;
    }

    // --- every action type round-trips ----------------------------------------------------------

    static Stream<Arguments> everyActionTypeWithAllMembers() {
        return Stream.of(
                // KmsKeyArn cannot round-trip: without a KMS endpoint every key is refused (s3ActionTargetErrors)
                Arguments.of("S3Action", Rules.s3(S3Action.builder().bucketName(BUCKET).objectKeyPrefix("in/")
                        .topicArn(TOPIC).iamRoleArn(ROLE).build())),
                Arguments.of("BounceAction", Rules.bounce(BounceAction.builder().smtpReplyCode("550").statusCode("5.1.1")
                        .message("Mailbox does not exist").sender("postmaster@" + VERIFIED_DOMAIN).topicArn(TOPIC).build())),
                Arguments.of("WorkmailAction", Rules.workmail(WORKMAIL_ORG, TOPIC)),
                Arguments.of("LambdaAction", Rules.lambda(FUNCTION, InvocationType.REQUEST_RESPONSE, TOPIC)),
                Arguments.of("LambdaAction-Event", Rules.lambda(FUNCTION, InvocationType.EVENT, TOPIC)),
                Arguments.of("StopAction", Rules.stop(TOPIC)),
                Arguments.of("AddHeaderAction", Rules.addHeader("X-Inlet-Test", "some value; with=chars")),
                Arguments.of("SNSAction-Base64", Rules.sns(TOPIC, SNSActionEncoding.BASE64)),
                Arguments.of("SNSAction-UTF8", Rules.sns(TOPIC, SNSActionEncoding.UTF_8)));
                // ConnectAction needs a plugin in strict mode: ConnectActionTest, PluginJarTest
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyActionTypeWithAllMembers")
    void everyActionTypeRoundTripsWithAllItsMembers(String type, ReceiptAction action) {
        String set = newSet();
        ReceiptRule rule = rule("r", List.of("user@" + VERIFIED_DOMAIN), action);

        Rules.create(ses, set, rule);

        assertThat(describe(ses, set, "r")).isEqualTo(rule);
        assertThat(describe(ses, set, "r").actions()).containsExactly(action);
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(set)).rules()).containsExactly(rule);
    }

    @Test
    void aRuleWithEveryActionTypeKeepsTheActionsInTheGivenOrder() {
        String set = newSet();
        ReceiptRule rule = ReceiptRule.builder().name("everything").enabled(true).tlsPolicy(TlsPolicy.REQUIRE)
                .scanEnabled(true).recipients(".example.com", "example.com", "user@example.com")
                .actions(Rules.addHeader("X-H", "v"),
                        Rules.s3(S3Action.builder().bucketName(BUCKET).objectKeyPrefix("p/")
                                .topicArn(TOPIC).iamRoleArn(ROLE).build()),
                        Rules.sns(OTHER_TOPIC, SNSActionEncoding.BASE64),
                        Rules.lambda(FUNCTION, InvocationType.REQUEST_RESPONSE, TOPIC),
                        Rules.bounce(BounceAction.builder().smtpReplyCode("550").statusCode("5.1.1").message("m")
                                .sender(VERIFIED_ADDRESS).topicArn(TOPIC).build()),
                        Rules.workmail(WORKMAIL_ORG, TOPIC),
                        Rules.stop(TOPIC))
                .build();

        Rules.create(ses, set, rule);

        assertThat(describe(ses, set, "everything")).isEqualTo(rule);
    }

    // --- defaults, recipients -------------------------------------------------------------------

    @Test
    void omittedMembersTakeTheirDefaults() {
        String set = newSet();
        Rules.create(ses, set, rule("bare"));

        ReceiptRule described = describe(ses, set, "bare");
        assertThat(described.name()).isEqualTo("bare");
        assertThat(described.enabled()).isFalse();
        assertThat(described.tlsPolicy()).isEqualTo(TlsPolicy.OPTIONAL);
        assertThat(described.scanEnabled()).isFalse();
        assertThat(described.recipients()).isEmpty();
        assertThat(described.actions()).isEmpty();
    }

    @Test
    void snsEncodingDefaultsToUtf8() {
        String set = newSet();
        Rules.create(ses, set, rule("sns", List.of(), Rules.sns(TOPIC)));

        SNSAction sns = describe(ses, set, "sns").actions().get(0).snsAction();
        assertThat(sns.encoding()).isEqualTo(SNSActionEncoding.UTF_8);
        assertThat(sns.encodingAsString()).isEqualTo("UTF-8");
        assertThat(sns.topicArn()).isEqualTo(TOPIC);
    }

    @Test
    void explicitlyEmptyListsAreEmptyLists() {
        String set = newSet();
        // the SDK sends an empty list as "Rule.Recipients=" and "Rule.Actions=" (§6.2)
        Rules.create(ses, set, ReceiptRule.builder().name("empty").enabled(true).recipients(List.of()).actions(List.of()).build());

        ReceiptRule described = describe(ses, set, "empty");
        assertThat(described.recipients()).isEmpty();
        assertThat(described.actions()).isEmpty();
        assertThat(described.enabled()).isTrue();
    }

    @Test
    void recipientsComeBackSorted() {
        String set = newSet();
        List<String> given = List.of("zed@example.com", "example.com", "alice@example.com", ".example.com", "bob+tag@example.org");
        Rules.create(ses, set, ReceiptRule.builder().name("sorted").recipients(given).build());

        List<String> sorted = new ArrayList<>(given);
        Collections.sort(sorted);
        assertThat(describe(ses, set, "sorted").recipients()).containsExactlyElementsOf(sorted);
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(set)).rules().get(0).recipients())
                .containsExactlyElementsOf(sorted);
    }

    @Test
    void moreThanAHundredRecipientsAreAccepted() {
        String set = newSet();
        List<String> many = IntStream.rangeClosed(1, 101).mapToObj(i -> String.format("user%03d@example.com", i)).toList();
        Rules.create(ses, set, ReceiptRule.builder().name("many").recipients(many).build());
        assertThat(describe(ses, set, "many").recipients()).containsExactlyElementsOf(many);
    }

    @Test
    void ruleNamesMayContainDots() {
        String set = newSet();
        Rules.create(ses, set, rule("rule.with.dots_and-dash"));
        assertThat(ruleNames(ses, set)).containsExactly("rule.with.dots_and-dash");
    }

    // --- CreateReceiptRule: duplicates, missing set, ordering --------------------------------------

    @Test
    void creatingAnExistingRuleFailsWithAlreadyExists() {
        String set = newSet();
        ReceiptRule original = rule("testRule", List.of("a@example.com"), Rules.addHeader("X-A", "1"));
        Rules.create(ses, set, original);

        // the duplicate check is by name, whatever the content
        assertSesError(() -> Rules.create(ses, set, rule("testRule", List.of("b@example.com"), Rules.addHeader("X-B", "2"))),
                AlreadyExistsException.class, "AlreadyExists", "Rule already exists: testRule");
        assertSesError(() -> Rules.create(ses, set, original),
                AlreadyExistsException.class, "AlreadyExists", "Rule already exists: testRule");
        assertThat(describe(ses, set, "testRule")).isEqualTo(original);
        assertThat(ruleNames(ses, set)).containsExactly("testRule");
    }

    @Test
    void creatingInAMissingSetFailsWithRuleSetDoesNotExist() {
        assertSesError(() -> Rules.create(ses, "InvalidRuleSetaName", rule("r")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: InvalidRuleSetaName");
    }

    @Test
    void withoutAfterANewRuleGoesToTheFrontAndWithAfterRightAfterThatRule() {
        String set = newSet();
        Rules.create(ses, set, rule("testRule"));
        Rules.create(ses, set, rule("testRule2"));
        assertThat(ruleNames(ses, set)).containsExactly("testRule2", "testRule");

        Rules.createAfter(ses, set, "testRule2", rule("testRule3"));
        assertThat(ruleNames(ses, set)).containsExactly("testRule2", "testRule3", "testRule");

        Rules.createAfter(ses, set, "testRule", rule("last"));
        assertThat(ruleNames(ses, set)).containsExactly("testRule2", "testRule3", "testRule", "last");
    }

    @Test
    void creatingAfterAnUnknownRuleFailsWithRuleDoesNotExist() {
        String set = newSet();
        Rules.create(ses, set, rule("testRule"));

        assertSesError(() -> Rules.createAfter(ses, set, "invalidRule", rule("r2")),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: invalidRule");
        assertThat(ruleNames(ses, set)).containsExactly("testRule");
    }

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

    @Test
    void creatingOrUpdatingAnS3RuleWritesTheSetupObject() {
        String set = newSet();
        Path bucket = dataDir.resolve("s3").resolve(BUCKET);
        String prefix = unique("setup") + "/";
        Rules.create(ses, set, rule("s3", List.of(), Rules.s3(S3Action.builder().bucketName(BUCKET).objectKeyPrefix(prefix).build())));
        assertThat(bucket.resolve(prefix + "AMAZON_SES_SETUP_NOTIFICATION")).isRegularFile();

        String updated = unique("updated") + "/";
        ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("s3", List.of(),
                Rules.s3(S3Action.builder().bucketName(BUCKET).objectKeyPrefix(updated).build()))));
        assertThat(bucket.resolve(updated + "AMAZON_SES_SETUP_NOTIFICATION")).isRegularFile();
    }

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

    static Stream<Arguments> actionsWithOnlyTheirRequiredMembers() {
        return Stream.of(
                Arguments.of("S3Action", Rules.s3(BUCKET)),
                Arguments.of("BounceAction", Rules.bounce(BounceAction.builder().smtpReplyCode("550").message("Gone")
                        .sender(VERIFIED_ADDRESS).build())),
                Arguments.of("WorkmailAction", Rules.workmail(WORKMAIL_ORG, null)),
                Arguments.of("StopAction", Rules.stop()),
                Arguments.of("AddHeaderAction", Rules.addHeader("X-Only", "v")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("actionsWithOnlyTheirRequiredMembers")
    void actionsWithOnlyRequiredMembersComeBackWithoutTheOptionalOnes(String type, ReceiptAction action) {
        String set = newSet();
        Rules.create(ses, set, rule("r", List.of(), action));
        assertThat(describe(ses, set, "r").actions()).containsExactly(action);
    }

    @Test
    void lambdaInvocationTypeIsEventWhenOmitted() {
        String set = newSet();
        Rules.create(ses, set, rule("r", List.of(), Rules.lambda(FUNCTION)));
        LambdaAction lambda = describe(ses, set, "r").actions().get(0).lambdaAction();
        assertThat(lambda.functionArn()).isEqualTo(FUNCTION);
        assertThat(lambda.topicArn()).isNull();
        // BOTO: Event is the default; Describe may spell it out or leave it out
        assertThat(lambda.invocationType()).isIn(null, InvocationType.EVENT);
    }

    @Test
    void wellFormedTargetsAreAcceptedWithoutExistenceBackends() {
        String set = newSet();
        Rules.create(ses, set, rule("workmail", List.of(), Rules.workmail(WORKMAIL_ORG, null)));
        Rules.create(ses, set, rule("lambda", List.of(), Rules.lambda(FUNCTION)));
        assertThat(ruleNames(ses, set)).containsExactly("lambda", "workmail");
    }

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

    // --- UpdateReceiptRule --------------------------------------------------------------------------

    @Test
    void updateReplacesTheWholeRuleAndKeepsItsPosition() {
        String set = newSet();
        Rules.create(ses, set, rule("c"));
        Rules.create(ses, set, ReceiptRule.builder().name("b").enabled(true).tlsPolicy(TlsPolicy.REQUIRE).scanEnabled(true)
                .recipients("old@example.com", "example.net").actions(Rules.addHeader("X-Old", "1"), Rules.stop()).build());
        Rules.create(ses, set, rule("a"));

        ReceiptRule replacement = rule("b", List.of("new@example.com"), Rules.sns(TOPIC, SNSActionEncoding.BASE64));
        ses.updateReceiptRule(r -> r.ruleSetName(set).rule(replacement));
        assertThat(ruleNames(ses, set)).containsExactly("a", "b", "c");
        assertThat(describe(ses, set, "b")).isEqualTo(replacement);

        // omitted members go back to their defaults
        ses.updateReceiptRule(r -> r.ruleSetName(set).rule(rule("b")));
        ReceiptRule reset = describe(ses, set, "b");
        assertThat(reset.enabled()).isFalse();
        assertThat(reset.tlsPolicy()).isEqualTo(TlsPolicy.OPTIONAL);
        assertThat(reset.scanEnabled()).isFalse();
        assertThat(reset.recipients()).isEmpty();
        assertThat(reset.actions()).isEmpty();
        assertThat(ruleNames(ses, set)).containsExactly("a", "b", "c");
    }

    @Test
    void anUpdateOfTheActiveSetIsWhatDescribeActiveShows() {
        SesClient region = inlet.ses("ap-northeast-1");
        Rules.ruleSetWith(region, "live", "a", "b");
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("live"));
        ReceiptRule updated = rule("b", List.of("live@example.com"), Rules.addHeader("X-Live", "1"));

        region.updateReceiptRule(b -> b.ruleSetName("live").rule(updated));

        List<ReceiptRule> active = region.describeActiveReceiptRuleSet(b -> { }).rules();
        assertThat(active).extracting(ReceiptRule::name).containsExactly("a", "b");
        assertThat(active.get(1)).isEqualTo(updated);
    }

    @Test
    void updateOfAnUnknownRuleOrSetFails() {
        String set = newSet();
        Rules.create(ses, set, rule("testRule"));
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("invalidRuleName"))),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: invalidRuleName");
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName("invalidRuleSetName").rule(rule("testRule"))),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: invalidRuleSetName");
        assertThat(ruleNames(ses, set)).containsExactly("testRule");
    }

    @Test
    void updateValidatesActionTargetsLikeCreate() {
        String set = newSet();
        ReceiptRule original = rule("r", List.of("a@example.com"), Rules.addHeader("X-A", "1"));
        Rules.create(ses, set, original);

        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(), Rules.sns("bad-topic")))),
                InvalidSnsTopicException.class, "InvalidSnsTopic", "Invalid SNS topic: bad-topic");
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(), Rules.lambda("bad-fn")))),
                InvalidLambdaFunctionException.class, "InvalidLambdaFunction", "Invalid Lambda function: bad-fn");
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(),
                        Rules.s3(S3Action.builder().bucketName(BUCKET).kmsKeyArn("bad-key").build())))),
                InvalidS3ConfigurationException.class, "InvalidS3Configuration", "Unable to use AWS KMS key: bad-key");
        assertInvalidParameter(() -> ses.updateReceiptRule(b -> b.ruleSetName(set).rule(rule("r", List.of(),
                        Rules.bounce("nobody@unverified.example")))),
                "Identity is not verified: nobody@unverified.example");
        assertThat(describe(ses, set, "r")).isEqualTo(original);
    }

    // --- DeleteReceiptRule ---------------------------------------------------------------------------

    @Test
    void deleteRemovesTheRuleAndIsIdempotent() {
        String set = newSet();
        Rules.create(ses, set, rule("b"));
        Rules.create(ses, set, rule("a"));

        ses.deleteReceiptRule(b -> b.ruleSetName(set).ruleName("a"));
        assertThat(ruleNames(ses, set)).containsExactly("b");
        assertSesError(() -> describe(ses, set, "a"),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: a");

        assertThatCode(() -> ses.deleteReceiptRule(b -> b.ruleSetName(set).ruleName("a"))).doesNotThrowAnyException();
        assertThatCode(() -> ses.deleteReceiptRule(b -> b.ruleSetName(set).ruleName("never"))).doesNotThrowAnyException();
        assertThat(ruleNames(ses, set)).containsExactly("b");
    }

    @Test
    void deleteInAMissingSetFailsWithRuleSetDoesNotExist() {
        assertSesError(() -> ses.deleteReceiptRule(b -> b.ruleSetName("no-such-set").ruleName("r")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: no-such-set");
    }

    // --- DescribeReceiptRule ------------------------------------------------------------------------

    @Test
    void describeOfAnUnknownSetOrRuleFails() {
        String set = newSet();
        Rules.create(ses, set, rule("testRule"));
        assertSesError(() -> describe(ses, "invalidRuleSetName", "testRule"),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: invalidRuleSetName");
        assertSesError(() -> describe(ses, set, "invalidRuleName"),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: invalidRuleName");
    }

    @Test
    void describeValidatesTheRuleName() {
        String set = newSet();
        assertValidationError(() -> describe(ses, set, "bad name"), patternViolation("ruleName"));
        String tooLong = "r".repeat(65);
        assertInvalidParameter(() -> describe(ses, set, tooLong), "Not a valid ruleName: " + tooLong);
        assertInvalidParameter(() -> ses.describeReceiptRule(b -> b.ruleSetName(set)), "RuleName is required.");
    }

    // --- SetReceiptRulePosition -----------------------------------------------------------------------

    @Test
    void setPositionMovesToTheFrontOrRightAfterAnotherRule() {
        String set = unique("position");
        Rules.ruleSetWith(ses, set, "a", "b", "c", "d");

        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("c"));
        assertThat(ruleNames(ses, set)).containsExactly("c", "a", "b", "d");

        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("c").after("b"));
        assertThat(ruleNames(ses, set)).containsExactly("a", "b", "c", "d");

        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("a").after("d"));
        assertThat(ruleNames(ses, set)).containsExactly("b", "c", "d", "a");

        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("d").after("b"));
        assertThat(ruleNames(ses, set)).containsExactly("b", "d", "c", "a");
    }

    @Test
    void setPositionAfterItselfIsANoOp() {
        String set = unique("self");
        Rules.ruleSetWith(ses, set, "a", "b", "c");
        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("b").after("b"));
        assertThat(ruleNames(ses, set)).containsExactly("a", "b", "c");
        ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("a").after("a"));
        assertThat(ruleNames(ses, set)).containsExactly("a", "b", "c");
    }

    @Test
    void setPositionErrors() {
        String set = unique("position-errors");
        Rules.ruleSetWith(ses, set, "a", "b");
        assertSesError(() -> ses.setReceiptRulePosition(b -> b.ruleSetName("no-such-set").ruleName("a")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: no-such-set");
        assertSesError(() -> ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("zz")),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: zz");
        assertSesError(() -> ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("a").after("zz")),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: zz");
        assertValidationError(() -> ses.setReceiptRulePosition(b -> b.ruleSetName(set).ruleName("a").after("bad after")),
                patternViolation("after"));
        assertThat(ruleNames(ses, set)).containsExactly("a", "b");
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

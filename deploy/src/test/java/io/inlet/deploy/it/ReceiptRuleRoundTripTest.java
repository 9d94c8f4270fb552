package io.inlet.deploy.it;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.StopAction;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static io.inlet.deploy.it.Rules.BUCKET;
import static io.inlet.deploy.it.Rules.FUNCTION;
import static io.inlet.deploy.it.Rules.OTHER_TOPIC;
import static io.inlet.deploy.it.Rules.ROLE;
import static io.inlet.deploy.it.Rules.TOPIC;
import static io.inlet.deploy.it.Rules.WORKMAIL_ORG;
import static io.inlet.deploy.it.Rules.describe;
import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receipt rules through the SDK as they come back: every action type with all its members and with
 * only the required ones, the defaults of omitted members, recipients and names, and the setup
 * object of S3 actions (SES-RECEIVING.md §1.4-§1.7, §3; peers.md G-RR).
 */
class ReceiptRuleRoundTripTest extends ReceiptRuleTestBase {
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

    // --- actions with only their required members ------------------------------------------------

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

    // --- S3 setup object ----------------------------------------------------------------------------

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
}

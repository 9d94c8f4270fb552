package io.inlet.deploy.it;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.InvalidLambdaFunctionException;
import software.amazon.awssdk.services.ses.model.InvalidS3ConfigurationException;
import software.amazon.awssdk.services.ses.model.InvalidSnsTopicException;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.RuleDoesNotExistException;
import software.amazon.awssdk.services.ses.model.RuleSetDoesNotExistException;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.util.List;

import static io.inlet.deploy.it.Rules.BUCKET;
import static io.inlet.deploy.it.Rules.TOPIC;
import static io.inlet.deploy.it.Rules.describe;
import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static io.inlet.deploy.it.SesErrors.patternViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Receipt rule operations through the SDK: CreateReceiptRule (duplicates, missing set, ordering),
 * UpdateReceiptRule, DeleteReceiptRule, DescribeReceiptRule and SetReceiptRulePosition
 * (SES-RECEIVING.md §1.4-§1.7, §3; peers.md G-RR). Round-trips of the action types are
 * ReceiptRuleRoundTripTest's, request validation ReceiptRuleValidationTest's and action targets
 * ReceiptRuleActionTargetsTest's; the fixture is ReceiptRuleTestBase.
 */
class ReceiptRuleApiTest extends ReceiptRuleTestBase {
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
}

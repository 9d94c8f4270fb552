package io.inlet.config.receipt;

import io.inlet.config.api.SesException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.inlet.config.receipt.ReceiptFixture.WEST;
import static io.inlet.config.receipt.ReceiptFixture.value;
import static io.inlet.config.receipt.ReceiptFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Validation of Create/UpdateReceiptRule: shapes, Query decoding, precedence (G-RR-03..12). */
class ReceiptRuleValidationTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:t";

    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir);
        f.createSet("rs");
        f.plugins.buckets.add("b");
    }

    @AfterEach
    void close() {
        f.close();
    }

    private String describe(String rule) {
        return f.call("DescribeReceiptRule", "RuleSetName", "rs", "RuleName", rule);
    }

    /** CreateReceiptRule with the given Rule.* and extra parameters (RuleSetName rs). */
    private String create(String... keyValues) {
        return f.call("CreateReceiptRule", with("RuleSetName", "rs", keyValues));
    }

    private void createFails(String code, String message, String... keyValues) {
        f.assertError(code, message, "CreateReceiptRule", with("RuleSetName", "rs", keyValues));
    }

    private static String[] with(String k, String v, String... rest) {
        List<String> all = new ArrayList<>(List.of(k, v));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static String[] actions(int count) {
        List<String> kv = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            kv.addAll(List.of("Rule.Actions.member." + i + ".AddHeaderAction.HeaderName", "X-H" + i,
                    "Rule.Actions.member." + i + ".AddHeaderAction.HeaderValue", "v"));
        }
        return kv.toArray(String[]::new);
    }

    @Test
    void shapeViolationsAreCollectedInSesOrder() {
        String nul = "failed to satisfy constraint: Member must not be null";
        createFails("ValidationError", "4 validation errors detected: "
                        + "Value 'Bogus' at 'rule.tlsPolicy' failed to satisfy constraint: Member must satisfy enum value set: [Optional, Require]; "
                        + "Value 'utf8' at 'rule.actions.1.member.sNSAction.encoding' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Base64, UTF-8]; "
                        + "Value null at 'rule.actions.1.member.sNSAction.topicArn' " + nul + "; "
                        + "Value 'Never' at 'rule.actions.2.member.stopAction.scope' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [RuleSet]",
                "Rule.Name", "r1", "Rule.TlsPolicy", "Bogus",
                "Rule.Actions.member.1.SNSAction.Encoding", "utf8",
                "Rule.Actions.member.2.StopAction.Scope", "Never");
        createFails("ValidationError", "3 validation errors detected: "
                        + "Value null at 'rule.actions.1.member.bounceAction.smtpReplyCode' " + nul + "; "
                        + "Value null at 'rule.actions.1.member.bounceAction.sender' " + nul + "; "
                        + "Value null at 'rule.actions.1.member.bounceAction.message' " + nul,
                "Rule.Name", "r1", "Rule.Actions.member.1.BounceAction.TopicArn", TOPIC);
        createFails("ValidationError", "2 validation errors detected: "
                        + "Value null at 'rule.actions.1.member.connectAction.iAMRoleARN' " + nul + "; "
                        + "Value null at 'rule.actions.2.member.s3Action.bucketName' " + nul,
                "Rule.Name", "r1", "Rule.Actions.member.1.ConnectAction.InstanceARN", "arn:c",
                "Rule.Actions.member.2.S3Action.ObjectKeyPrefix", "p/");
        createFails("ValidationError", "1 validation error detected: "
                        + "Value null at 'rule.actions.1.member.workmailAction.organizationArn' " + nul,
                "Rule.Name", "r1", "Rule.Actions.member.1.WorkmailAction.TopicArn", TOPIC);
        createFails("ValidationError", "1 validation error detected: "
                        + "Value null at 'rule.actions.1.member.addHeaderAction.headerValue' " + nul,
                "Rule.Name", "r1", "Rule.Actions.member.1.AddHeaderAction.HeaderName", "X-A");
        createFails("ValidationError", "1 validation error detected: "
                        + "Value 'Sync' at 'rule.actions.1.member.lambdaAction.invocationType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [RequestResponse, Event]",
                "Rule.Name", "r1", "Rule.Actions.member.1.LambdaAction.FunctionArn", "arn:f",
                "Rule.Actions.member.1.LambdaAction.InvocationType", "Sync");
    }

    @Test
    void afterAndRuleViolationsAreCombinedAfterFirst() {
        SesException e = f.fail("CreateReceiptRule", "RuleSetName", "rs", "After", "", "Rule.Name", "bad name");
        assertThat(e.getMessage()).startsWith("3 validation errors detected: Value at 'after'")
                .endsWith("Value at 'rule.name' failed to satisfy constraint: "
                        + "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.-]+$");
    }

    @Test
    void unknownActionTypesAndParametersAreRefused() {
        createFails("ValidationError", "1 validation error detected: Value 'SnsAction' at 'rule.actions.1.member' "
                        + "failed to satisfy constraint: Member must be one of the action types: [AddHeaderAction, "
                        + "BounceAction, ConnectAction, LambdaAction, S3Action, SNSAction, StopAction, WorkmailAction]",
                "Rule.Name", "r1", "Rule.Actions.member.1.SnsAction.TopicArn", TOPIC);
        createFails("ValidationError", "1 validation error detected: Value at 'rule.actions.1.member.s3Action.bucket' "
                        + "failed to satisfy constraint: Member is not a parameter of S3Action",
                "Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "b",
                "Rule.Actions.member.1.S3Action.Bucket", "b");
    }

    @Test
    void actionIndexesMustBeContiguous() {
        String message = "Exactly one action type must be specified for each ReceiptAction";
        createFails("InvalidParameterValue", message, "Rule.Name", "r1",
                "Rule.Actions.member.1.StopAction.Scope", "RuleSet",
                "Rule.Actions.member.3.StopAction.Scope", "RuleSet");
        createFails("InvalidParameterValue", message, "Rule.Name", "r1", "Rule.Actions.member.1", "x");
        createFails("MalformedInput", "0 is not a valid index", "Rule.Name", "r1",
                "Rule.Actions.member.0.StopAction.Scope", "RuleSet");
    }

    @Test
    void booleansFollowXsd() {
        create("Rule.Name", "r1", "Rule.Enabled", "1", "Rule.ScanEnabled", "true");
        String xml = describe("r1");
        assertThat(value(xml, "/r/Rule/Enabled")).isEqualTo("true");
        assertThat(value(xml, "/r/Rule/ScanEnabled")).isEqualTo("true");
        createFails("MalformedInput", "boolean must follow xsd1.1 definition", "Rule.Name", "r2", "Rule.Enabled", "yes");
        createFails("MalformedInput", "boolean must follow xsd1.1 definition", "Rule.Name", "r2", "Rule.Enabled", "TRUE");
        createFails("MalformedInput", "missing value for boolean type", "Rule.Name", "r2", "Rule.ScanEnabled", "");
    }

    @Test
    void recipientsAreCheckedSortedAndUnlimited() {
        List<String> kv = new ArrayList<>(List.of("Rule.Name", "r1"));
        for (int i = 101; i >= 1; i--) {
            kv.addAll(List.of("Rule.Recipients.member." + i, "u" + i + "@Example.com"));
        }
        kv.addAll(List.of("Rule.Recipients.member.102", "u1@Example.com"));
        create(kv.toArray(String[]::new));
        List<String> recipients = values(describe("r1"), "/r/Rule/Recipients/member");
        assertThat(recipients).hasSize(101).isSorted().contains("u1@Example.com", "u101@Example.com");

        for (String bad : List.of("", "a b@example.com", "user@", "@example.com", "example..com", "-x.com",
                "user@exa_mple.com", "..example.com", "x@y@", "ü@example.com")) {
            createFails("InvalidParameterValue", "Invalid recipient: " + bad,
                    "Rule.Name", "r2", "Rule.Recipients.member.1", "ok.example.com", "Rule.Recipients.member.2", bad);
        }
        create("Rule.Name", "r3", "Rule.Recipients.member.1", "User+Tag@Example.COM",
                "Rule.Recipients.member.2", ".sub.example.com", "Rule.Recipients.member.3", "example.com",
                "Rule.Recipients.member.4", "localhost");
        assertThat(values(describe("r3"), "/r/Rule/Recipients/member"))
                .containsExactly(".sub.example.com", "User+Tag@Example.COM", "example.com", "localhost");
    }

    @Test
    void validationOrderFollowsSes() {
        // Shape before set existence; rule name service layer before set existence.
        f.assertError("ValidationError", "1 validation error detected: Value 'x' at 'rule.tlsPolicy' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [Optional, Require]",
                "CreateReceiptRule", "RuleSetName", "ghost", "Rule.Name", "r1", "Rule.TlsPolicy", "x");
        f.assertError("InvalidParameterValue", "Not a valid ruleName: r1-", "CreateReceiptRule",
                "RuleSetName", "ghost", "Rule.Name", "r1-");
        f.assertError("InvalidParameterValue", "Invalid recipient: a b", "CreateReceiptRule",
                "RuleSetName", "ghost", "Rule.Name", "r1", "Rule.Recipients.member.1", "a b");
        // Set existence before the targets.
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "CreateReceiptRule",
                "RuleSetName", "ghost", "Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "nope");
        // Duplicate before After and before the targets.
        create("Rule.Name", "r1");
        createFails("AlreadyExists", "Rule already exists: r1", "After", "ghost", "Rule.Name", "r1",
                "Rule.Actions.member.1.S3Action.BucketName", "nope");
        // Unknown After before the actions limit; the actions limit before Stop placement and targets.
        String[] eleven = actions(11);
        createFails("RuleDoesNotExist", "Rule does not exist: ghost", with("After", "ghost",
                with("Rule.Name", "r2", eleven)));
        List<String> tooMany = new ArrayList<>(List.of("Rule.Name", "r2"));
        tooMany.addAll(List.of(eleven));
        tooMany.addAll(List.of("Rule.Actions.member.12.S3Action.BucketName", "nope"));
        createFails("LimitExceeded", "Too many actions", tooMany.toArray(String[]::new));
        createFails("InvalidParameterValue", "Stop action, if any, must be placed at the end of the actions list",
                "Rule.Name", "r2", "Rule.Actions.member.1.StopAction.Scope", "RuleSet",
                "Rule.Actions.member.2.S3Action.BucketName", "nope");
        createFails("InvalidS3Configuration", "No such bucket: nope",
                "Rule.Name", "r2", "Rule.Actions.member.1.S3Action.BucketName", "nope");
        assertThat(f.ruleNames("rs")).containsExactly("r1");
        create(with("Rule.Name", "r2", actions(10)));
    }

    @Test
    void rulesLimitComesAfterTheDuplicateAndBeforeAfter() {
        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withRulesPerSet(2).withActionsPerRule(1), true);
        create("Rule.Name", "r1");
        create("Rule.Name", "r2");
        createFails("AlreadyExists", "Rule already exists: r1", "Rule.Name", "r1");
        createFails("LimitExceeded", "Too many rules", "After", "ghost", "Rule.Name", "r3");
        f.assertError("LimitExceeded", "Too many actions", "UpdateReceiptRule", with("RuleSetName", "rs",
                with("Rule.Name", "r1", actions(2))));
        f.call("UpdateReceiptRule", with("RuleSetName", "rs", with("Rule.Name", "r1", actions(1))));
    }

    @Test
    void targetsAreCheckedInStrictModeOnly() {
        createFails("InvalidS3Configuration", "No such bucket: other",
                "Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "other");
        createFails("InvalidParameterValue", "Bucket name must not be empty",
                "Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "");
        createFails("InvalidSnsTopic", "Invalid SNS topic: bare",
                "Rule.Name", "r1", "Rule.Actions.member.1.StopAction.Scope", "RuleSet",
                "Rule.Actions.member.1.StopAction.TopicArn", "bare");
        assertThat(f.plugins.calls).contains("S3Action rs/r1 us-east-1 true");

        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults(), false);
        create("Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "other");
        assertThat(f.plugins.calls).containsExactly("S3Action rs/r1 us-east-1 false");
        // Syntax checks still apply in lenient mode.
        createFails("InvalidSnsTopic", "Invalid SNS topic: bare",
                "Rule.Name", "r2", "Rule.Actions.member.1.SNSAction.TopicArn", "bare");
    }

    @Test
    void bounceSenderMustBeVerifiedInTheCallersRegion() {
        String[] bounce = {"Rule.Name", "r1", "Rule.Actions.member.1.BounceAction.SmtpReplyCode", "550",
                "Rule.Actions.member.1.BounceAction.Message", "m",
                "Rule.Actions.member.1.BounceAction.Sender", "s@example.com"};
        createFails("InvalidParameterValue", "Identity is not verified: s@example.com", bounce);
        f.verified.add("us-east-1/s@example.com");
        create(bounce);
        f.call(WEST, "CreateReceiptRuleSet", "RuleSetName", "rs");
        assertThat(f.fail(WEST, "CreateReceiptRule", with("RuleSetName", "rs", bounce)).getMessage())
                .isEqualTo("Identity is not verified: s@example.com");
    }
}

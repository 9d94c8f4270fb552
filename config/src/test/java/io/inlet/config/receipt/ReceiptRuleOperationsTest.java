package io.inlet.config.receipt;

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

/** Create, Update, Delete and DescribeReceiptRule: G-RR-01..15 and G-RR-18 of peers.md §G. */
class ReceiptRuleOperationsTest {
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

    @Test
    void everyActionTypeRoundTripsAsBotocoreSendsIt() {
        f.verified.add("us-east-1/s@example.com");
        create("Rule.Name", "r0");
        create("After", "r0", "Rule.Name", "r1", "Rule.Enabled", "true", "Rule.TlsPolicy", "Require",
                "Rule.ScanEnabled", "false",
                "Rule.Recipients.member.1", "user@example.com", "Rule.Recipients.member.2", ".example.com",
                "Rule.Actions.member.1.AddHeaderAction.HeaderName", "X-H",
                "Rule.Actions.member.1.AddHeaderAction.HeaderValue", "v",
                "Rule.Actions.member.2.S3Action.BucketName", "b",
                "Rule.Actions.member.2.S3Action.ObjectKeyPrefix", "p/",
                "Rule.Actions.member.2.S3Action.KmsKeyArn", "arn:k",
                "Rule.Actions.member.2.S3Action.TopicArn", TOPIC,
                "Rule.Actions.member.2.S3Action.IamRoleArn", "arn:aws:iam::123456789012:role/r",
                "Rule.Actions.member.3.SNSAction.TopicArn", TOPIC,
                "Rule.Actions.member.3.SNSAction.Encoding", "Base64",
                "Rule.Actions.member.4.LambdaAction.FunctionArn", "arn:f",
                "Rule.Actions.member.4.LambdaAction.InvocationType", "RequestResponse",
                "Rule.Actions.member.4.LambdaAction.TopicArn", TOPIC,
                "Rule.Actions.member.5.BounceAction.SmtpReplyCode", "550",
                "Rule.Actions.member.5.BounceAction.StatusCode", "5.1.1",
                "Rule.Actions.member.5.BounceAction.Message", "m",
                "Rule.Actions.member.5.BounceAction.Sender", "s@example.com",
                "Rule.Actions.member.5.BounceAction.TopicArn", TOPIC,
                "Rule.Actions.member.6.WorkmailAction.OrganizationArn", "arn:o",
                "Rule.Actions.member.6.WorkmailAction.TopicArn", TOPIC,
                "Rule.Actions.member.7.ConnectAction.InstanceARN", "arn:c",
                "Rule.Actions.member.7.ConnectAction.IAMRoleARN", "arn:aws:iam::123456789012:role/r",
                "Rule.Actions.member.8.StopAction.Scope", "RuleSet",
                "Rule.Actions.member.8.StopAction.TopicArn", TOPIC);

        String xml = describe("r1");
        assertThat(xml).startsWith("<Rule><Name>r1</Name><Enabled>true</Enabled><TlsPolicy>Require</TlsPolicy>"
                + "<Recipients><member>.example.com</member><member>user@example.com</member></Recipients><Actions>"
                + "<member><AddHeaderAction><HeaderName>X-H</HeaderName><HeaderValue>v</HeaderValue></AddHeaderAction></member>"
                + "<member><S3Action><BucketName>b</BucketName><ObjectKeyPrefix>p/</ObjectKeyPrefix><KmsKeyArn>arn:k</KmsKeyArn>"
                + "<TopicArn>" + TOPIC + "</TopicArn><IamRoleArn>arn:aws:iam::123456789012:role/r</IamRoleArn></S3Action></member>"
                + "<member><SNSAction><Encoding>Base64</Encoding><TopicArn>" + TOPIC + "</TopicArn></SNSAction></member>");
        assertThat(xml).endsWith("<member><StopAction><Scope>RuleSet</Scope><TopicArn>" + TOPIC
                + "</TopicArn></StopAction></member></Actions><ScanEnabled>false</ScanEnabled></Rule>");
        assertThat(values(xml, "/r/Rule/Actions/member/*")).hasSize(8);
        assertThat(value(xml, "/r/Rule/Actions/member/ConnectAction/IAMRoleARN")).isEqualTo("arn:aws:iam::123456789012:role/r");
        assertThat(value(xml, "/r/Rule/Actions/member/BounceAction/StatusCode")).isEqualTo("5.1.1");
        assertThat(f.ruleNames("rs")).containsExactly("r0", "r1");
        // The same rule is in the set's description.
        assertThat(f.call("DescribeReceiptRuleSet", "RuleSetName", "rs")).contains(xml.replace("<Rule>", "<member>")
                .replace("</Rule>", "</member>"));
    }

    @Test
    void omittedMembersTakeSesDefaults() {
        create("Rule.Name", "r1",
                "Rule.Actions.member.1.SNSAction.TopicArn", TOPIC,
                "Rule.Actions.member.2.LambdaAction.FunctionArn", "arn:f");
        assertThat(describe("r1")).isEqualTo("<Rule><Name>r1</Name><Enabled>false</Enabled><TlsPolicy>Optional</TlsPolicy>"
                + "<Actions><member><SNSAction><Encoding>UTF-8</Encoding><TopicArn>" + TOPIC + "</TopicArn></SNSAction></member>"
                + "<member><LambdaAction><FunctionArn>arn:f</FunctionArn><InvocationType>Event</InvocationType></LambdaAction>"
                + "</member></Actions><ScanEnabled>false</ScanEnabled></Rule>");
        create("Rule.Name", "r2", "Rule.Recipients", "", "Rule.Actions", "");
        assertThat(describe("r2")).isEqualTo("<Rule><Name>r2</Name><Enabled>false</Enabled><TlsPolicy>Optional</TlsPolicy>"
                + "<Actions/><ScanEnabled>false</ScanEnabled></Rule>");
    }

    @Test
    void rulesGoToTheFrontOrAfterTheNamedRule() {
        create("Rule.Name", "r1");
        create("Rule.Name", "r2");
        assertThat(f.ruleNames("rs")).containsExactly("r2", "r1");
        create("After", "r2", "Rule.Name", "r3");
        assertThat(f.ruleNames("rs")).containsExactly("r2", "r3", "r1");
        create("After", "r1", "Rule.Name", "r4");
        assertThat(f.ruleNames("rs")).containsExactly("r2", "r3", "r1", "r4");
        createFails("RuleDoesNotExist", "Rule does not exist: ghost", "After", "ghost", "Rule.Name", "r5");
    }

    @Test
    void duplicateIsByNameAndMissingSetIsReported() {
        create("Rule.Name", "r1", "Rule.Enabled", "true");
        createFails("AlreadyExists", "Rule already exists: r1", "Rule.Name", "r1");
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost",
                "CreateReceiptRule", "RuleSetName", "ghost", "Rule.Name", "r1");
    }

    @Test
    void severalMembersInOneActionAreStoredAsSent() {
        f.verified.add("us-east-1/s@example.com");
        create("Rule.Name", "r1",
                "Rule.Actions.member.1.S3Action.BucketName", "b",
                "Rule.Actions.member.1.BounceAction.SmtpReplyCode", "550",
                "Rule.Actions.member.1.BounceAction.Sender", "s@example.com",
                "Rule.Actions.member.1.BounceAction.Message", "m");
        assertThat(describe("r1")).contains("<Actions><member><S3Action><BucketName>b</BucketName></S3Action>"
                + "<BounceAction><SmtpReplyCode>550</SmtpReplyCode><Sender>s@example.com</Sender><Message>m</Message>"
                + "</BounceAction></member></Actions>");
    }

    @Test
    void updateReplacesTheWholeRuleInPlace() {
        create("Rule.Name", "r1", "Rule.Enabled", "true", "Rule.TlsPolicy", "Require", "Rule.ScanEnabled", "true",
                "Rule.Recipients.member.1", "a@example.com", "Rule.Actions.member.1.StopAction.Scope", "RuleSet");
        create("Rule.Name", "r0");
        create("After", "r1", "Rule.Name", "r2");
        f.call("UpdateReceiptRule", "RuleSetName", "rs", "Rule.Name", "r1");
        assertThat(describe("r1")).isEqualTo("<Rule><Name>r1</Name><Enabled>false</Enabled><TlsPolicy>Optional</TlsPolicy>"
                + "<Actions/><ScanEnabled>false</ScanEnabled></Rule>");
        assertThat(f.ruleNames("rs")).containsExactly("r0", "r1", "r2");

        f.call("UpdateReceiptRule", "RuleSetName", "rs", "Rule.Name", "r1", "Rule.Enabled", "true",
                "Rule.Recipients.member.1", "z@example.com", "Rule.Actions.member.1.S3Action.BucketName", "b");
        assertThat(value(describe("r1"), "/r/Rule/Actions/member/S3Action/BucketName")).isEqualTo("b");
        assertThat(f.ruleNames("rs")).containsExactly("r0", "r1", "r2");

        f.assertError("RuleDoesNotExist", "Rule does not exist: ghost", "UpdateReceiptRule",
                "RuleSetName", "rs", "Rule.Name", "ghost");
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: nope", "UpdateReceiptRule",
                "RuleSetName", "nope", "Rule.Name", "r1");
        f.assertError("InvalidS3Configuration", "No such bucket: other", "UpdateReceiptRule",
                "RuleSetName", "rs", "Rule.Name", "r1", "Rule.Actions.member.1.S3Action.BucketName", "other");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'rule' failed to satisfy "
                + "constraint: Member must not be null", "UpdateReceiptRule", "RuleSetName", "rs");
        assertThat(value(describe("r1"), "/r/Rule/Actions/member/S3Action/BucketName")).isEqualTo("b");
    }

    @Test
    void deleteIsIdempotentButNeedsTheSet() {
        f.createRules("rs", "r1", "r2");
        f.call("DeleteReceiptRule", "RuleSetName", "rs", "RuleName", "r1");
        f.call("DeleteReceiptRule", "RuleSetName", "rs", "RuleName", "r1");
        assertThat(f.ruleNames("rs")).containsExactly("r2");
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "DeleteReceiptRule",
                "RuleSetName", "ghost", "RuleName", "r1");
    }

    @Test
    void describeReportsMissingSetThenMissingRule() {
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "DescribeReceiptRule",
                "RuleSetName", "ghost", "RuleName", "ghost");
        f.assertError("RuleDoesNotExist", "Rule does not exist: ghost", "DescribeReceiptRule",
                "RuleSetName", "rs", "RuleName", "ghost");
    }

    @Test
    void rulesAreScopedByRegion() {
        create("Rule.Name", "r1");
        f.call(WEST, "CreateReceiptRuleSet", "RuleSetName", "rs");
        assertThat(f.fail(WEST, "DescribeReceiptRule", "RuleSetName", "rs", "RuleName", "r1").code())
                .isEqualTo("RuleDoesNotExist");
        f.call(WEST, "CreateReceiptRule", "RuleSetName", "rs", "Rule.Name", "r1", "Rule.Enabled", "true");
        assertThat(value(describe("r1"), "/r/Rule/Enabled")).isEqualTo("false");
    }
}

package io.inlet.deploy.it;

import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AddHeaderAction;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.ConnectAction;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.LambdaAction;
import software.amazon.awssdk.services.ses.model.ReceiptAction;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSAction;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.StopAction;
import software.amazon.awssdk.services.ses.model.StopScope;
import software.amazon.awssdk.services.ses.model.TlsPolicy;
import software.amazon.awssdk.services.ses.model.WorkmailAction;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Builders for receipt rules and actions shared by the SDK integration tests, plus well-formed
 * target ARNs (us-east-1) and unique names.
 */
final class Rules {
    /** A bucket the embedded S3 store holds when the daemon is started with {@link #BUCKET_SETTINGS}. */
    static final String BUCKET = "mail-bucket";
    /** Strict validation writes a setup object, so S3 actions need an existing bucket. */
    static final java.util.Map<String, String> BUCKET_SETTINGS = java.util.Map.of("actions.s3.buckets", BUCKET);
    static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:topic";
    static final String OTHER_TOPIC = "arn:aws:sns:us-east-1:123456789012:other-topic";
    static final String FUNCTION = "arn:aws:lambda:us-east-1:123456789012:function:fn";
    static final String KMS_KEY = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab";
    static final String ROLE = "arn:aws:iam::123456789012:role/r";
    static final String WORKMAIL_ORG =
            "arn:aws:workmail:us-east-1:123456789012:organization/m-0123456789abcdef0123456789abcdef";
    static final String CONNECT_INSTANCE =
            "arn:aws:connect:us-east-1:123456789012:instance/12345678-90ab-cdef-1234-567890abcdef";

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Rules() {
    }

    /** A name unique within this JVM, valid as a rule set, rule or filter name. */
    static String unique(String prefix) {
        return prefix + "-" + COUNTER.incrementAndGet();
    }

    // --- rules ---------------------------------------------------------------------------------

    /** A rule with only its name: every other member left to the server's defaults. */
    static ReceiptRule rule(String name) {
        return ReceiptRule.builder().name(name).build();
    }

    /**
     * An enabled rule with the given recipients and actions; TlsPolicy {@code Optional} and
     * ScanEnabled {@code false} are sent explicitly, so the rule equals what Describe returns
     * (recipients given sorted).
     * Empty lists are not sent, so the rule equals Describe's answer, which omits them.
     */
    static ReceiptRule rule(String name, List<String> recipients, ReceiptAction... actions) {
        ReceiptRule.Builder rule = ReceiptRule.builder().name(name).enabled(true).tlsPolicy(TlsPolicy.OPTIONAL).scanEnabled(false);
        // empty lists are left out, as Describe leaves them out
        if (!recipients.isEmpty()) {
            rule.recipients(recipients);
        }
        if (actions.length > 0) {
            rule.actions(actions);
        }
        return rule.build();
    }

    static void create(SesClient ses, String ruleSet, ReceiptRule rule) {
        ses.createReceiptRule(b -> b.ruleSetName(ruleSet).rule(rule));
    }

    static void createAfter(SesClient ses, String ruleSet, String after, ReceiptRule rule) {
        ses.createReceiptRule(b -> b.ruleSetName(ruleSet).after(after).rule(rule));
    }

    /** Creates a rule set holding rules with these names, in this order (each name-only). */
    static void ruleSetWith(SesClient ses, String ruleSet, String... ruleNames) {
        ses.createReceiptRuleSet(b -> b.ruleSetName(ruleSet));
        String previous = null;
        for (String name : ruleNames) {
            if (previous == null) {
                create(ses, ruleSet, rule(name));
            } else {
                createAfter(ses, ruleSet, previous, rule(name));
            }
            previous = name;
        }
    }

    /** The rule names of a set, in rule order, as DescribeReceiptRuleSet returns them. */
    static List<String> ruleNames(SesClient ses, String ruleSet) {
        return ses.describeReceiptRuleSet(b -> b.ruleSetName(ruleSet)).rules().stream().map(ReceiptRule::name).toList();
    }

    static ReceiptRule describe(SesClient ses, String ruleSet, String rule) {
        return ses.describeReceiptRule(b -> b.ruleSetName(ruleSet).ruleName(rule)).rule();
    }

    // --- actions -------------------------------------------------------------------------------

    static ReceiptAction s3(String bucket) {
        return ReceiptAction.builder().s3Action(S3Action.builder().bucketName(bucket).build()).build();
    }

    static ReceiptAction s3(S3Action action) {
        return ReceiptAction.builder().s3Action(action).build();
    }

    static ReceiptAction sns(String topicArn) {
        return ReceiptAction.builder().snsAction(SNSAction.builder().topicArn(topicArn).build()).build();
    }

    static ReceiptAction sns(String topicArn, SNSActionEncoding encoding) {
        return ReceiptAction.builder().snsAction(SNSAction.builder().topicArn(topicArn).encoding(encoding).build()).build();
    }

    static ReceiptAction bounce(String sender) {
        return bounce(BounceAction.builder().smtpReplyCode("550").statusCode("5.1.1")
                .message("Mailbox does not exist").sender(sender).build());
    }

    static ReceiptAction bounce(BounceAction action) {
        return ReceiptAction.builder().bounceAction(action).build();
    }

    static ReceiptAction lambda(String functionArn) {
        return ReceiptAction.builder().lambdaAction(LambdaAction.builder().functionArn(functionArn).build()).build();
    }

    static ReceiptAction lambda(String functionArn, InvocationType invocationType, String topicArn) {
        return ReceiptAction.builder().lambdaAction(LambdaAction.builder().functionArn(functionArn)
                .invocationType(invocationType).topicArn(topicArn).build()).build();
    }

    static ReceiptAction stop() {
        return ReceiptAction.builder().stopAction(StopAction.builder().scope(StopScope.RULE_SET).build()).build();
    }

    static ReceiptAction stop(String topicArn) {
        return ReceiptAction.builder().stopAction(StopAction.builder().scope(StopScope.RULE_SET).topicArn(topicArn).build())
                .build();
    }

    static ReceiptAction addHeader(String name, String value) {
        return ReceiptAction.builder().addHeaderAction(AddHeaderAction.builder().headerName(name).headerValue(value).build())
                .build();
    }

    static ReceiptAction workmail(String organizationArn, String topicArn) {
        return ReceiptAction.builder().workmailAction(WorkmailAction.builder().organizationArn(organizationArn)
                .topicArn(topicArn).build()).build();
    }

    static ReceiptAction connect(String instanceArn, String roleArn) {
        return ReceiptAction.builder().connectAction(ConnectAction.builder().instanceARN(instanceArn).iamRoleARN(roleArn)
                .build()).build();
    }
}

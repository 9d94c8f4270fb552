package io.inlet.deploy.it;

import org.junit.jupiter.api.BeforeAll;

import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;

/**
 * The daemon of the receipt rule tests (ReceiptRuleApiTest, ReceiptRuleRoundTripTest,
 * ReceiptRuleValidationTest, ReceiptRuleActionTargetsTest), one per class: room for many rule
 * sets, the S3 bucket of {@link Rules#BUCKET}, and a verified domain and address for bounce senders.
 */
abstract class ReceiptRuleTestBase extends DaemonPerClass {
    static final String VERIFIED_DOMAIN = "verified.example";
    static final String VERIFIED_ADDRESS = "bouncer@example.org";

    @BeforeAll
    static void start() {
        startDaemon(Map.of("limits.rule-sets", "250", "actions.s3.buckets", Rules.BUCKET));
        ses.verifyDomainIdentity(b -> b.domain(VERIFIED_DOMAIN));
        ses.verifyEmailIdentity(b -> b.emailAddress(VERIFIED_ADDRESS));
    }

    /** A new empty rule set. */
    static String newSet() {
        String set = unique("rules");
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        return set;
    }
}

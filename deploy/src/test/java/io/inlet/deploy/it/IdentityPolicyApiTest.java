package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.InvalidPolicyException;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;

import java.nio.file.Path;
import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sending authorization policy operations through the SDK: PutIdentityPolicy,
 * GetIdentityPolicies, ListIdentityPolicies and DeleteIdentityPolicy (issue 6 item 4;
 * SES-RECEIVING.md §6.7; peers.md G-PO-01).
 */
class IdentityPolicyApiTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
        ses = inlet.ses();
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    static String arn(String identity) {
        return "arn:aws:ses:us-east-1:" + RunningInlet.ACCOUNT + ":identity/" + identity;
    }

    static String policy(String identity, String sid) {
        return """
                {"Version":"2012-10-17","Statement":[{"Sid":"%s","Effect":"Allow",
                 "Principal":{"AWS":"arn:aws:iam::444455556666:root"},
                 "Action":["ses:SendEmail","ses:SendRawEmail"],"Resource":"%s",
                 "Condition":{"ForAllValues:StringLike":{"ses:Recipients":["*@example.com"]}}}]}"""
                .formatted(sid, arn(identity));
    }

    static String domain() {
        String domain = unique("policy") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        return domain;
    }

    @Test
    void putListGetDelete() {
        String domain = domain();
        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).isEmpty();

        ses.putIdentityPolicy(b -> b.identity(domain).policyName("marketing").policy(policy(domain, "one")));
        ses.putIdentityPolicy(b -> b.identity(arn(domain)).policyName("Billing_2").policy(policy(domain, "two")));

        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).containsExactly("Billing_2", "marketing");
        Map<String, String> got = ses.getIdentityPolicies(b -> b.identity(domain).policyNames("marketing", "absent"))
                .policies();
        assertThat(got).containsExactly(Map.entry("marketing", policy(domain, "one")));

        ses.deleteIdentityPolicy(b -> b.identity(domain).policyName("marketing"));
        ses.deleteIdentityPolicy(b -> b.identity(domain).policyName("marketing"));
        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).containsExactly("Billing_2");
    }

    @Test
    void putIdentityPolicyReplacesAPolicyOfTheSameName() {
        String address = unique("sender") + "@example.com";
        ses.verifyEmailIdentity(b -> b.emailAddress(address));
        ses.putIdentityPolicy(b -> b.identity(address).policyName("p").policy(policy(address, "first")));
        ses.putIdentityPolicy(b -> b.identity(address).policyName("p").policy(policy(address, "second")));
        assertThat(ses.getIdentityPolicies(b -> b.identity(address).policyNames("p")).policies())
                .containsExactly(Map.entry("p", policy(address, "second")));
    }

    @Test
    void putIdentityPolicyInvalidPolicy() {
        String domain = domain();
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("p").policy("{not json")),
                InvalidPolicyException.class, "InvalidPolicy",
                "Policy is not valid JSON: Unexpected character ('n' (code 110)): was expecting double-quote to start "
                        + "field name (line 1, column 2)");
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("p")
                        .policy(policy(domain, "s").replace("ses:SendRawEmail", "ses:DeleteIdentity"))),
                InvalidPolicyException.class, "InvalidPolicy",
                "Statement 1 (s): invalid Action ses:DeleteIdentity. Sending authorization policies allow "
                        + "ses:SendEmail, ses:SendRawEmail, ses:SendTemplatedEmail, ses:SendBulkTemplatedEmail "
                        + "(wildcards allowed).");
        String other = arn("other.example.com");
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("p")
                        .policy(policy(domain, "s").replace(arn(domain), other))),
                InvalidPolicyException.class, "InvalidPolicy", "Statement 1 (s): invalid Resource " + other
                        + ". The Resource must be the ARN of the identity the policy is attached to: " + arn(domain) + ".");
        String big = policy(domain, "x".repeat(4096));
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("p").policy(big)),
                InvalidPolicyException.class, "InvalidPolicy", "Policy exceeds the maximum size of 4 KB (4096 bytes).");
        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).isEmpty();
    }

    @Test
    void putIdentityPolicyAtMost20PerIdentity() {
        String domain = domain();
        for (int i = 1; i <= 20; i++) {
            String name = "p" + i;
            ses.putIdentityPolicy(b -> b.identity(domain).policyName(name).policy(policy(domain, "s")));
        }
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("p21").policy(policy(domain, "s"))),
                LimitExceededException.class, "LimitExceeded",
                "Too many policies: identity " + domain + " already has 20, the maximum.");
        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).hasSize(20);
    }

    @Test
    void policyNameRules() {
        String domain = domain();
        assertInvalidParameter(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName("has space")
                        .policy(policy(domain, "s"))),
                "Invalid policy name: has space. Policy names can include only alphanumeric characters, dashes and underscores.");
        String longName = "n".repeat(65);
        assertValidationError(() -> ses.putIdentityPolicy(b -> b.identity(domain).policyName(longName)
                        .policy(policy(domain, "s"))),
                "1 validation error detected: Value '" + longName + "' at 'policyName' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 64");
        assertValidationError(() -> ses.getIdentityPolicies(b -> b.identity(domain).policyNames(longName)),
                "1 validation error detected: Value '" + longName + "' at 'policyNames.1.member' failed to satisfy "
                        + "constraint: Member must have length less than or equal to 64");
        String[] many = new String[21];
        for (int i = 0; i < many.length; i++) {
            many[i] = "p" + i;
        }
        assertValidationError(() -> ses.getIdentityPolicies(b -> b.identity(domain).policyNames(many)),
                "1 validation error detected: Value at 'policyNames' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 20");
    }

    @Test
    void ownerOnlyEachOperationRefusesIdentitiesTheCallerDoesNotHave() {
        String domain = domain();
        String foreign = "arn:aws:ses:us-east-1:999999999999:identity/" + domain;
        String message = "Identity " + foreign + " is not verified or does not exist.";
        assertSesError(() -> ses.putIdentityPolicy(b -> b.identity(foreign).policyName("p").policy(policy(domain, "s"))),
                MessageRejectedException.class, "MessageRejected", message);
        assertSesError(() -> ses.listIdentityPolicies(b -> b.identity(foreign)), MessageRejectedException.class,
                "MessageRejected", message);
        assertSesError(() -> ses.getIdentityPolicies(b -> b.identity(foreign).policyNames("p")), MessageRejectedException.class,
                "MessageRejected", message);
        assertSesError(() -> ses.deleteIdentityPolicy(b -> b.identity(foreign).policyName("p")), MessageRejectedException.class,
                "MessageRejected", message);
        assertSesError(() -> ses.listIdentityPolicies(b -> b.identity("ghost.example.com")), MessageRejectedException.class,
                "MessageRejected", "Identity ghost.example.com is not verified or does not exist.");
    }

    @Test
    void deletingTheIdentityDeletesItsPolicies() {
        String domain = domain();
        ses.putIdentityPolicy(b -> b.identity(domain).policyName("p").policy(policy(domain, "s")));
        ses.deleteIdentity(b -> b.identity(domain));
        ses.verifyDomainIdentity(b -> b.domain(domain));
        assertThat(ses.listIdentityPolicies(b -> b.identity(domain)).policyNames()).isEmpty();
    }
}

package io.inlet.config.identity;

import io.inlet.config.api.SesException;
import io.inlet.config.identity.policies.IdentityPolicies;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The sending authorization policy operations on the store (issue 6 item 4; peers.md G-PO-01). */
class IdentityPolicyOperationsTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final String ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com";

    @TempDir
    Path dir;
    SqliteStore store;
    ApiCalls api;

    static String policy(String sid) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"" + sid + "\",\"Effect\":\"Allow\","
                + "\"Principal\":{\"AWS\":\"111122223333\"},\"Action\":\"ses:SendEmail\",\"Resource\":\"" + ARN + "\"}]}";
    }

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        api = new ApiCalls(new IdentityOperations(store, IdentitySettings.defaults(),
                (d, t) -> DomainVerificationChecker.Outcome.NOT_FOUND, Clock.systemUTC()).operations());
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
    }

    @AfterEach
    void close() {
        store.close();
    }

    List<String> names() {
        return api.call(EAST, "ListIdentityPolicies", "Identity", "example.com").list("PolicyNames");
    }

    @Test
    void putIsAnUpsertListGetAndDeleteIsIdempotent() {
        assertThat(names()).isEmpty();
        assertThat(api.call(EAST, "ListIdentityPolicies", "Identity", "example.com").xml()).isEqualTo("<PolicyNames/>");
        api.call(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "b-policy", "Policy", policy("one"));
        api.call(EAST, "PutIdentityPolicy", "Identity", ARN, "PolicyName", "A_policy", "Policy", policy("two"));
        api.call(EAST, "PutIdentityPolicy", "Identity", "EXAMPLE.COM", "PolicyName", "b-policy", "Policy", policy("three"));
        assertThat(names()).containsExactly("A_policy", "b-policy");

        var got = api.call(EAST, "GetIdentityPolicies", "Identity", "example.com",
                "PolicyNames.member.1", "b-policy", "PolicyNames.member.2", "missing").map("Policies");
        assertThat(got).containsOnlyKeys("b-policy");
        String xml = api.call(EAST, "GetIdentityPolicies", "Identity", "example.com", "PolicyNames.member.1", "b-policy").xml();
        assertThat(xml).isEqualTo("<Policies><entry><key>b-policy</key><value>"
                + policy("three").replace("\"", "&quot;") + "</value></entry></Policies>");

        api.call(EAST, "DeleteIdentityPolicy", "Identity", "example.com", "PolicyName", "b-policy");
        api.call(EAST, "DeleteIdentityPolicy", "Identity", "example.com", "PolicyName", "b-policy");
        assertThat(names()).containsExactly("A_policy");
        Map<String, String> stored = store.read(tx -> IdentityPolicies.of(tx, EAST, "example.com"));
        assertThat(stored).containsOnlyKeys("A_policy");
    }

    @Test
    void twentyPoliciesPerIdentity() {
        for (int i = 1; i <= 20; i++) {
            api.call(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p" + i, "Policy", policy("s"));
        }
        SesException e = api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p21", "Policy", policy("s"));
        assertThat(e.code()).isEqualTo("LimitExceeded");
        assertThat(e.getMessage()).isEqualTo("Too many policies: identity example.com already has 20, the maximum.");
        api.call(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p20", "Policy", policy("replaced"));
        assertThat(names()).hasSize(20);
    }

    @Test
    void invalidPolicy() {
        SesException e = api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p", "Policy",
                policy("s").replace(ARN, "arn:aws:ses:us-east-1:123456789012:identity/other.com"));
        assertThat(e.code()).isEqualTo("InvalidPolicy");
        assertThat(e.getMessage()).startsWith("Statement 1 (s): invalid Resource");
        assertThat(names()).isEmpty();
    }

    @Test
    void policyNameAndPolicyParameters() {
        SesException chars = api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "my.policy",
                "Policy", policy("s"));
        assertThat(chars.code()).isEqualTo("InvalidParameterValue");
        assertThat(chars.getMessage()).isEqualTo("Invalid policy name: my.policy. Policy names can include only "
                + "alphanumeric characters, dashes and underscores.");
        SesException tooLong = api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "x".repeat(65),
                "Policy", policy("s"));
        assertThat(tooLong.getMessage()).isEqualTo("1 validation error detected: Value '" + "x".repeat(65)
                + "' at 'policyName' failed to satisfy constraint: Member must have length less than or equal to 64");
        api.call(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "x".repeat(64), "Policy", policy("s"));
        assertThat(api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p").getMessage())
                .isEqualTo("1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null");
        assertThat(api.error(EAST, "PutIdentityPolicy", "Identity", "example.com", "PolicyName", "p", "Policy", "").code())
                .isEqualTo("ValidationError");
        assertThat(api.error(EAST, "DeleteIdentityPolicy", "Identity", "example.com", "PolicyName", "").getMessage())
                .isEqualTo("1 validation error detected: Value '' at 'policyName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 1");
    }

    @Test
    void getIdentityPoliciesLimits() {
        List<String> params = new ArrayList<>(List.of("Identity", "example.com"));
        for (int i = 1; i <= 21; i++) {
            params.add("PolicyNames.member." + i);
            params.add("p" + i);
        }
        assertThat(api.error(EAST, "GetIdentityPolicies", params.toArray(String[]::new)).getMessage())
                .isEqualTo("1 validation error detected: Value at 'policyNames' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 20");
        assertThat(api.error(EAST, "GetIdentityPolicies", "Identity", "example.com").getMessage())
                .isEqualTo("1 validation error detected: Value null at 'policyNames' failed to satisfy constraint: "
                        + "Member must not be null");
    }

    @Test
    void ownerOnlyUnknownForeignOrUnverifiedIdentitiesAreRefused() {
        for (String identity : List.of("unknown.example", "arn:aws:ses:us-east-1:999999999999:identity/example.com",
                "arn:aws:ses:eu-west-1:123456789012:identity/example.com")) {
            SesException e = api.error(EAST, "ListIdentityPolicies", "Identity", identity);
            assertThat(e.code()).isEqualTo("MessageRejected");
            assertThat(e.getMessage()).isEqualTo("Identity " + identity + " is not verified or does not exist.");
            assertThat(api.error(EAST, "DeleteIdentityPolicy", "Identity", identity, "PolicyName", "p").code())
                    .isEqualTo("MessageRejected");
        }
    }

    @Test
    void aPendingDomainIsNotVerifiedYet() {
        ApiCalls dns = new ApiCalls(new IdentityOperations(store, IdentitySettings.of(VerificationMode.DNS),
                (d, t) -> DomainVerificationChecker.Outcome.NOT_FOUND, Clock.systemUTC()).operations());
        dns.call(EAST, "VerifyDomainIdentity", "Domain", "pending.example");
        SesException e = dns.error(EAST, "PutIdentityPolicy", "Identity", "pending.example", "PolicyName", "p",
                "Policy", policy("s"));
        assertThat(e.code()).isEqualTo("MessageRejected");
        ApiCalls found = new ApiCalls(new IdentityOperations(store, IdentitySettings.of(VerificationMode.DNS),
                (d, t) -> DomainVerificationChecker.Outcome.FOUND, Clock.systemUTC()).operations());
        found.call(EAST, "PutIdentityPolicy", "Identity", "pending.example", "PolicyName", "p",
                "Policy", policy("s").replace("example.com", "pending.example"));
        assertThat(found.call(EAST, "ListIdentityPolicies", "Identity", "pending.example").list("PolicyNames"))
                .containsExactly("p");
    }
}

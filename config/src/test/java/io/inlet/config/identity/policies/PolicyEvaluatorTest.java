package io.inlet.config.identity.policies;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** IAM evaluation of sending authorization policies: explicit Deny, then Allow, else implicit deny. */
class PolicyEvaluatorTest {
    static final String ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com";
    static final String SENDER = "111122223333";

    static String statement(String effect, String principal, String action, String condition) {
        return "{\"Effect\":\"" + effect + "\",\"Principal\":" + principal + ",\"Action\":\"" + action
                + "\",\"Resource\":\"" + ARN + "\"" + (condition == null ? "" : ",\"Condition\":" + condition) + "}";
    }

    static String policy(String... statements) {
        String json = "{\"Version\":\"2012-10-17\",\"Statement\":[" + String.join(",", statements) + "]}";
        PolicyGrammar.validate(json, ARN);
        return json;
    }

    static SendingRequest send(Map<String, List<String>> context) {
        return new SendingRequest(SENDER, null, "ses:SendEmail", ARN, context);
    }

    static final String ALLOW_SENDER = statement("Allow", "{\"AWS\":\"" + SENDER + "\"}", "ses:SendEmail", null);

    @Test
    void noPolicyOrNoMatchingStatementDenies() {
        assertThat(PolicyEvaluator.allows(List.of(), send(Map.of()))).isFalse();
        String other = policy(statement("Allow", "{\"AWS\":\"444455556666\"}", "ses:SendEmail", null));
        assertThat(PolicyEvaluator.allows(other, send(Map.of()))).isFalse();
    }

    @Test
    void principalsMatchByAccountRootArnOrExactArn() {
        assertThat(PolicyEvaluator.allows(policy(ALLOW_SENDER), send(Map.of()))).isTrue();
        String root = policy(statement("Allow", "{\"AWS\":\"arn:aws:iam::" + SENDER + ":root\"}", "ses:SendEmail", null));
        assertThat(PolicyEvaluator.allows(root, send(Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(policy(statement("Allow", "\"*\"", "ses:SendEmail", null)), send(Map.of()))).isTrue();

        String user = policy(statement("Allow", "{\"AWS\":\"arn:aws:iam::" + SENDER + ":user/alice\"}", "ses:SendEmail", null));
        assertThat(PolicyEvaluator.allows(user, send(Map.of()))).as("only the account is known").isFalse();
        assertThat(PolicyEvaluator.allows(user, new SendingRequest(SENDER, "arn:aws:iam::" + SENDER + ":user/alice",
                "ses:SendEmail", ARN, Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(user, new SendingRequest(SENDER, "arn:aws:iam::" + SENDER + ":user/bob",
                "ses:SendEmail", ARN, Map.of()))).isFalse();
    }

    @Test
    void actionAndResourceMustMatch() {
        String raw = policy(statement("Allow", "\"*\"", "ses:SendRawEmail", null));
        assertThat(PolicyEvaluator.allows(raw, send(Map.of()))).isFalse();
        assertThat(PolicyEvaluator.allows(raw, new SendingRequest(SENDER, null, "ses:SendRawEmail", ARN, Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(policy(statement("Allow", "\"*\"", "SES:send*", null)), send(Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(policy(ALLOW_SENDER), new SendingRequest(SENDER, null, "ses:SendEmail",
                "arn:aws:ses:us-east-1:123456789012:identity/EXAMPLE.COM", Map.of()))).as("domains ignore case").isTrue();
        assertThat(PolicyEvaluator.allows(policy(ALLOW_SENDER), new SendingRequest(SENDER, null, "ses:SendEmail",
                "arn:aws:ses:us-east-1:123456789012:identity/other.com", Map.of()))).isFalse();
    }

    @Test
    void anExplicitDenyWinsAcrossPolicies() {
        String allow = policy(ALLOW_SENDER);
        String deny = policy(statement("Deny", "\"*\"", "ses:*", null));
        assertThat(PolicyEvaluator.allows(List.of(allow, deny), send(Map.of()))).isFalse();
        assertThat(PolicyEvaluator.allows(List.of(deny, allow), send(Map.of()))).isFalse();
    }

    @Test
    void recipientsConditionWithForAllValues() {
        String p = policy(statement("Allow", "\"*\"", "ses:SendEmail",
                "{\"ForAllValues:StringLike\":{\"ses:Recipients\":[\"*@example.com\",\"*@example.org\"]}}"));
        assertThat(PolicyEvaluator.allows(p, send(Map.of("ses:Recipients", List.of("a@example.com", "b@example.org"))))).isTrue();
        assertThat(PolicyEvaluator.allows(p, send(Map.of("ses:Recipients", List.of("a@example.com", "b@evil.test"))))).isFalse();
        assertThat(PolicyEvaluator.allows(p, send(Map.of("SES:RECIPIENTS", List.of("c@example.com"))))).as("keys ignore case").isTrue();
    }

    @Test
    void forAnyValueAndNegatedOperators() {
        String any = policy(statement("Allow", "\"*\"", "ses:SendEmail",
                "{\"ForAnyValue:StringEquals\":{\"ses:Recipients\":\"vip@example.com\"}}"));
        assertThat(PolicyEvaluator.allows(any, send(Map.of("ses:Recipients", List.of("x@example.com", "vip@example.com"))))).isTrue();
        assertThat(PolicyEvaluator.allows(any, send(Map.of("ses:Recipients", List.of("x@example.com"))))).isFalse();

        String not = policy(statement("Allow", "\"*\"", "ses:SendEmail",
                "{\"StringNotEquals\":{\"ses:FromAddress\":[\"ceo@example.com\",\"cfo@example.com\"]}}"));
        assertThat(PolicyEvaluator.allows(not, send(Map.of("ses:FromAddress", List.of("news@example.com"))))).isTrue();
        assertThat(PolicyEvaluator.allows(not, send(Map.of("ses:FromAddress", List.of("cfo@example.com"))))).isFalse();
        assertThat(PolicyEvaluator.allows(not, send(Map.of()))).as("absent key: a negated test holds").isTrue();
    }

    @Test
    void absentKeysIfExistsAndNull() {
        String eq = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"StringEquals\":{\"ses:FromAddress\":\"a@example.com\"}}"));
        assertThat(PolicyEvaluator.allows(eq, send(Map.of()))).isFalse();
        String ifExists = policy(statement("Allow", "\"*\"", "ses:SendEmail",
                "{\"StringEqualsIfExists\":{\"ses:FromDisplayName\":\"Marketing\"}}"));
        assertThat(PolicyEvaluator.allows(ifExists, send(Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(ifExists, send(Map.of("ses:FromDisplayName", List.of("Other"))))).isFalse();
        String mustBeAbsent = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"Null\":{\"ses:FromDisplayName\":\"true\"}}"));
        assertThat(PolicyEvaluator.allows(mustBeAbsent, send(Map.of()))).isTrue();
        assertThat(PolicyEvaluator.allows(mustBeAbsent, send(Map.of("ses:FromDisplayName", List.of("X"))))).isFalse();
    }

    @Test
    void ipDateNumericBoolAndIgnoreCaseOperators() {
        String ip = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"IpAddress\":{\"aws:SourceIp\":[\"192.0.2.0/24\",\"2001:db8::/32\"]}}"));
        assertThat(PolicyEvaluator.allows(ip, send(Map.of("aws:SourceIp", List.of("192.0.2.77"))))).isTrue();
        assertThat(PolicyEvaluator.allows(ip, send(Map.of("aws:SourceIp", List.of("2001:db8::1"))))).isTrue();
        assertThat(PolicyEvaluator.allows(ip, send(Map.of("aws:SourceIp", List.of("198.51.100.1"))))).isFalse();
        assertThat(PolicyEvaluator.allows(ip, send(Map.of("aws:SourceIp", List.of("localhost"))))).as("no DNS").isFalse();

        String before = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"DateLessThan\":{\"aws:CurrentTime\":\"2030-01-01T00:00:00Z\"}}"));
        assertThat(PolicyEvaluator.allows(before, send(Map.of("aws:CurrentTime", List.of("2029-12-31T23:59:59Z"))))).isTrue();
        assertThat(PolicyEvaluator.allows(before, send(Map.of("aws:CurrentTime", List.of("2030-01-01T00:00:00Z"))))).isFalse();

        String small = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"NumericLessThanEquals\":{\"inlet:Recipients\":50}}"));
        assertThat(PolicyEvaluator.allows(small, send(Map.of("inlet:Recipients", List.of("50"))))).isTrue();
        assertThat(PolicyEvaluator.allows(small, send(Map.of("inlet:Recipients", List.of("51"))))).isFalse();

        String tls = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"Bool\":{\"aws:SecureTransport\":true}}"));
        assertThat(PolicyEvaluator.allows(tls, send(Map.of("aws:SecureTransport", List.of("true"))))).isTrue();
        assertThat(PolicyEvaluator.allows(tls, send(Map.of("aws:SecureTransport", List.of("false"))))).isFalse();

        String from = policy(statement("Allow", "\"*\"", "ses:SendEmail", "{\"StringEqualsIgnoreCase\":{\"ses:FromAddress\":\"News@Example.com\"}}"));
        assertThat(PolicyEvaluator.allows(from, send(Map.of("ses:FromAddress", List.of("news@example.COM"))))).isTrue();
    }

    @Test
    void wildcards() {
        assertThat(Wildcards.matches("*@example.com", "a@example.com", false)).isTrue();
        assertThat(Wildcards.matches("a?c", "abc", false)).isTrue();
        assertThat(Wildcards.matches("a?c", "ac", false)).isFalse();
        assertThat(Wildcards.matches("*a*b*", "xxaxxbxx", false)).isTrue();
        assertThat(Wildcards.matches("*a*b", "xxaxxbxxc", false)).isFalse();
        assertThat(Wildcards.matches("ABC", "abc", true)).isTrue();
        assertThat(Wildcards.matches("ABC", "abc", false)).isFalse();
    }
}

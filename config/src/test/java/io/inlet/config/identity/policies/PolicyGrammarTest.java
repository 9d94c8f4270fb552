package io.inlet.config.identity.policies;

import io.inlet.config.api.SesException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sending authorization policy grammar PutIdentityPolicy accepts, and its InvalidPolicy messages. */
class PolicyGrammarTest {
    static final String ARN = "arn:aws:ses:us-east-1:123456789012:identity/example.com";

    /** A one-statement policy with the given statement members (JSON fragments). */
    static String policy(String statementMembers) {
        return "{\"Version\":\"2012-10-17\",\"Statement\":[{" + statementMembers + "}]}";
    }

    static String allowSend(String principal) {
        return policy("\"Sid\":\"s1\",\"Effect\":\"Allow\",\"Principal\":" + principal
                + ",\"Action\":[\"ses:SendEmail\",\"ses:SendRawEmail\"],\"Resource\":\"" + ARN + "\"");
    }

    static String invalid(String json) {
        SesException e = catchThrowableOfType(SesException.class, () -> PolicyGrammar.validate(json, ARN));
        assertThat(e).as("InvalidPolicy for " + json).isNotNull();
        assertThat(e.code()).isEqualTo("InvalidPolicy");
        assertThat(e.httpStatus()).isEqualTo(400);
        return e.getMessage();
    }

    @Test
    void theDeveloperGuideExampleIsAccepted() {
        String json = """
                {
                  "Id": "SampleAuthorizationPolicy",
                  "Version": "2012-10-17",
                  "Statement": [
                    {
                      "Sid": "AuthorizeMarketer",
                      "Effect": "Allow",
                      "Resource": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
                      "Principal": {"AWS": ["999999999999", "arn:aws:iam::444455556666:root"]},
                      "Action": ["ses:SendEmail", "ses:SendRawEmail"],
                      "Condition": {
                        "ForAllValues:StringLike": {"ses:Recipients": ["*@example.com"]},
                        "StringEquals": {"ses:FromAddress": "marketing@example.com"},
                        "IpAddress": {"aws:SourceIp": "192.0.2.0/24"},
                        "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                        "Bool": {"aws:SecureTransport": true},
                        "Null": {"ses:FromDisplayName": "true"}
                      }
                    }
                  ]
                }""";
        Policy p = PolicyGrammar.validate(json, ARN);
        assertThat(p.statements()).hasSize(1);
        Statement s = p.statements().get(0);
        assertThat(s.allow()).isTrue();
        assertThat(s.awsPrincipals()).containsExactly("999999999999", "arn:aws:iam::444455556666:root");
        assertThat(s.conditions()).hasSize(6);
    }

    @Test
    void aSingleStatementObjectAndNoVersionAreAccepted() {
        Policy p = PolicyGrammar.validate("{\"Statement\":{\"Effect\":\"Deny\",\"Principal\":\"*\","
                + "\"Action\":\"ses:Send*\",\"Resource\":\"arn:aws:ses:us-east-1:123456789012:identity/EXAMPLE.com\"}}", ARN);
        assertThat(p.statements().get(0).allow()).isFalse();
        assertThat(p.statements().get(0).anyone()).isTrue();
    }

    @Test
    void notJson() {
        assertThat(invalid("{\"Version\": ")).startsWith("Policy is not valid JSON: ");
        assertThat(invalid("[]")).isEqualTo("Policy must be a JSON object.");
        assertThat(invalid("{\"Statement\":[],\"Statement\":[]}")).contains("Duplicate field 'Statement'");
    }

    @Test
    void moreThan4KbIsInvalid() {
        String base = allowSend("\"*\"");
        String padded = base.replace("\"Sid\":\"s1\"", "\"Sid\":\"" + "a".repeat(4096 - base.length() + 2 + 1) + "\"");
        assertThat(padded.length()).isEqualTo(4097);
        assertThat(invalid(padded)).isEqualTo("Policy exceeds the maximum size of 4 KB (4096 bytes).");
        String exactly = base.replace("\"Sid\":\"s1\"", "\"Sid\":\"" + "a".repeat(4096 - base.length() + 2) + "\"");
        assertThat(exactly.length()).isEqualTo(4096);
        assertThat(PolicyGrammar.validate(exactly, ARN).statements()).hasSize(1);
    }

    @Test
    void topLevelElements() {
        assertThat(invalid("{\"Statement\":[]}")).isEqualTo("Policy must contain at least one Statement.");
        assertThat(invalid("{\"Version\":\"2012-10-17\"}")).isEqualTo("Policy must contain at least one Statement.");
        assertThat(invalid("{\"Version\":\"2020-01-01\",\"Statement\":[]}"))
                .isEqualTo("Policy has an invalid Version: \"2020-01-01\". Valid values are 2012-10-17 and 2008-10-17.");
        assertThat(invalid("{\"Statements\":[]}")).isEqualTo("Policy has an unknown element: Statements.");
        assertThat(invalid("{\"Id\":5,\"Statement\":[]}")).isEqualTo("Policy Id must be a string.");
        assertThat(invalid("{\"Statement\":[5]}")).isEqualTo("Statement 1 must be a JSON object.");
    }

    @Test
    void statementElements() {
        String ok = "\"Principal\":\"*\",\"Action\":\"ses:SendEmail\",\"Resource\":\"" + ARN + "\"";
        assertThat(invalid(policy("\"Effect\":\"allow\"," + ok))).isEqualTo("Statement 1: Effect must be Allow or Deny.");
        assertThat(invalid(policy(ok))).isEqualTo("Statement 1: Effect must be Allow or Deny.");
        assertThat(invalid(policy("\"Sid\":\"x\",\"Effect\":\"Allow\",\"Action\":\"ses:SendEmail\",\"Resource\":\"" + ARN + "\"")))
                .isEqualTo("Statement 1 (x): Principal is required.");
        assertThat(invalid(policy("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Resource\":\"" + ARN + "\"")))
                .isEqualTo("Statement 1: Action is required.");
        assertThat(invalid(policy("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":[],\"Resource\":\"" + ARN + "\"")))
                .isEqualTo("Statement 1: Action must not be empty.");
        assertThat(invalid(policy("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ses:SendEmail\"")))
                .isEqualTo("Statement 1: Resource is required.");
        assertThat(invalid(policy("\"Effect\":\"Allow\",\"NotAction\":\"ses:SendEmail\"," + ok)))
                .isEqualTo("Statement 1: NotAction is not supported in sending authorization policies.");
        assertThat(invalid(policy("\"Effect\":\"Allow\",\"Extra\":1," + ok)))
                .isEqualTo("Statement 1 has an unknown element: Extra.");
        assertThat(invalid("{\"Statement\":[{\"Sid\":\"a\",\"Effect\":\"Allow\"," + ok + "},{\"Sid\":\"a\",\"Effect\":\"Deny\","
                + ok + "}]}")).isEqualTo("Statement ids (Sid) must be unique within a policy: a.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"root\"", "{}", "{\"AWS\":\"12345\"}", "{\"AWS\":\"arn:aws:s3:::bucket\"}",
            "{\"Federated\":\"cognito-identity.amazonaws.com\"}", "{\"AWS\":[]}", "{\"Service\":\"Not A Service\"}"})
    void badPrincipals(String principal) {
        assertThat(invalid(allowSend(principal))).startsWith("Statement 1 (s1): ").containsIgnoringCase("principal");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"*\"", "{\"AWS\":\"*\"}", "{\"AWS\":\"111122223333\"}",
            "{\"AWS\":[\"arn:aws:iam::111122223333:user/sender\",\"arn:aws:sts::111122223333:assumed-role/r/s\"]}",
            "{\"Service\":\"cognito-idp.amazonaws.com\"}"})
    void goodPrincipals(String principal) {
        assertThat(PolicyGrammar.validate(allowSend(principal), ARN).statements()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"ses:SendEmail,true", "SES:sendrawemail,true", "ses:Send*,true", "ses:*,true", "*,true",
            "ses:SendTemplatedEmail,true", "ses:SendBulkTemplatedEmail,true", "ses:DeleteIdentity,false",
            "ses:Get*,false", "s3:PutObject,false", "sesSendEmail,false"})
    void actionsMustNameASendingAction(String action, boolean valid) {
        String json = policy("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"" + action + "\",\"Resource\":\"" + ARN + "\"");
        if (valid) {
            assertThat(PolicyGrammar.validate(json, ARN).statements()).hasSize(1);
        } else {
            assertThat(invalid(json)).isEqualTo("Statement 1: invalid Action " + action + ". Sending authorization "
                    + "policies allow ses:SendEmail, ses:SendRawEmail, ses:SendTemplatedEmail, "
                    + "ses:SendBulkTemplatedEmail (wildcards allowed).");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"arn:aws:ses:us-east-1:123456789012:identity/other.com",
            "arn:aws:ses:us-west-2:123456789012:identity/example.com",
            "arn:aws:ses:us-east-1:999999999999:identity/example.com",
            "arn:aws:ses:us-east-1:123456789012:identity/*", "*", "example.com"})
    void theResourceMustBeTheIdentitysOwnArn(String resource) {
        String json = policy("\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ses:SendEmail\",\"Resource\":\"" + resource + "\"");
        assertThat(invalid(json)).isEqualTo("Statement 1: invalid Resource " + resource + ". The Resource must be the "
                + "ARN of the identity the policy is attached to: " + ARN + ".");
    }

    @Test
    void conditions() {
        String head = "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"ses:SendEmail\",\"Resource\":\"" + ARN + "\",";
        assertThat(invalid(policy(head + "\"Condition\":{\"StringEqualz\":{\"ses:FromAddress\":\"a@example.com\"}}")))
                .isEqualTo("Statement 1: unknown condition operator StringEqualz.");
        assertThat(invalid(policy(head + "\"Condition\":{\"ForAnyValue:NullIfExists\":{\"ses:FromAddress\":\"true\"}}")))
                .isEqualTo("Statement 1: unknown condition operator ForAnyValue:NullIfExists.");
        assertThat(invalid(policy(head + "\"Condition\":{\"StringEquals\":\"x\"}")))
                .isEqualTo("Statement 1: condition StringEquals must map condition keys to values.");
        assertThat(invalid(policy(head + "\"Condition\":{\"StringEquals\":{\"FromAddress\":\"x\"}}")))
                .isEqualTo("Statement 1: invalid condition key FromAddress.");
        assertThat(invalid(policy(head + "\"Condition\":{\"NumericLessThan\":{\"aws:MultiFactorAuthAge\":\"soon\"}}")))
                .isEqualTo("Statement 1: condition NumericLessThan aws:MultiFactorAuthAge: value soon is not a number.");
        assertThat(invalid(policy(head + "\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":\"10.0.0.0/33\"}}")))
                .isEqualTo("Statement 1: condition IpAddress aws:SourceIp: value 10.0.0.0/33 is not an IP address or CIDR block.");
        assertThat(invalid(policy(head + "\"Condition\":{\"DateGreaterThan\":{\"aws:CurrentTime\":\"tomorrow\"}}")))
                .contains("is not a date");
        assertThat(invalid(policy(head + "\"Condition\":{\"StringLike\":{\"ses:Recipients\":[]}}")))
                .isEqualTo("Statement 1: condition StringLike ses:Recipients has no values.");
        assertThat(invalid(policy(head + "\"Condition\":{\"StringLike\":{\"ses:Recipients\":[{\"a\":1}]}}")))
                .isEqualTo("Statement 1: condition StringLike ses:Recipients values must be strings, numbers or booleans.");
        assertThat(PolicyGrammar.validate(policy(head + "\"Condition\":{\"StringLikeIfExists\":{\"ses:FromDisplayName\":\"M*\"},"
                + "\"ForAnyValue:StringEquals\":{\"ses:Recipients\":[\"a@example.com\"]}}"), ARN).statements().get(0).conditions())
                .hasSize(2);
    }
}

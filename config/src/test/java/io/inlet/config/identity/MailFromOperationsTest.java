package io.inlet.config.identity;

import io.inlet.config.api.SesException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom MAIL FROM through the identity operations as the daemon registers them:
 * SetIdentityMailFromDomain and GetIdentityMailFromDomainAttributes in auto mode (moto M-MF-01/02
 * texts), and the dns-mode statuses from the MX record against a real (loopback) DNS responder.
 */
class MailFromOperationsTest extends LoopbackDnsOperationsFixture {
    private static Map<String, Map<String, String>> mailFrom(ApiCalls api, String... identities) {
        return api.call(EAST, "GetIdentityMailFromDomainAttributes", identityMembers(identities))
                .map("MailFromDomainAttributes");
    }

    private static String status(ApiCalls api, String identity) {
        return mailFrom(api, identity).get(identity).get("MailFromDomainStatus");
    }

    // --- auto mode ------------------------------------------------------------------------------

    @Test
    void setThenGetIsSuccessAtOnceAndDefaultsAreUseDefaultValue() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "foo.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@foo.com");

        assertThat(mailFrom(api, "foo.com", "unknown.com").get("foo.com"))
                .containsExactlyEntriesOf(Map.of("BehaviorOnMXFailure", "UseDefaultValue"));

        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "MailFromDomain", "Bar.Foo.com",
                "BehaviorOnMXFailure", "RejectMessage");
        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "test@foo.com", "MailFromDomain", "mail.foo.com");

        Map<String, Map<String, String>> attrs = mailFrom(api, "foo.com", "test@foo.com", "unknown.com");
        assertThat(attrs).containsOnlyKeys("foo.com", "test@foo.com");
        assertThat(attrs.get("foo.com")).containsExactlyInAnyOrderEntriesOf(Map.of("MailFromDomain", "bar.foo.com",
                "MailFromDomainStatus", "Success", "BehaviorOnMXFailure", "RejectMessage"));
        assertThat(attrs.get("test@foo.com")).containsExactlyInAnyOrderEntriesOf(Map.of("MailFromDomain",
                "mail.foo.com", "MailFromDomainStatus", "Success", "BehaviorOnMXFailure", "UseDefaultValue"));
    }

    @Test
    void noMailFromDomainClearsTheSetup() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "foo.com");
        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "MailFromDomain", "bar.foo.com");

        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "BehaviorOnMXFailure", "RejectMessage");

        assertThat(mailFrom(api, "foo.com").get("foo.com"))
                .containsExactlyEntriesOf(Map.of("BehaviorOnMXFailure", "RejectMessage"));
    }

    @Test
    void setIdentityMailFromDomainErrorsInMotosTexts() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "foo.com");

        SesException unknown = api.error(EAST, "SetIdentityMailFromDomain", "Identity", "bar.com",
                "MailFromDomain", "mail.bar.com");
        assertThat(unknown.code()).isEqualTo("InvalidParameterValue");
        assertThat(unknown.getMessage()).isEqualTo("Identity 'bar.com' does not exist.");

        SesException notSub = api.error(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com",
                "MailFromDomain", "lorem.ipsum.com");
        assertThat(notSub.code()).isEqualTo("InvalidParameterValue");
        assertThat(notSub.getMessage()).isEqualTo(
                "Provided MAIL-FROM domain 'lorem.ipsum.com' is not subdomain of the domain of the identity 'foo.com'.");
        // The identity's own domain is not a subdomain of it; nor is a name that merely ends the same.
        assertThat(api.error(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "MailFromDomain", "foo.com")
                .code()).isEqualTo("InvalidParameterValue");
        assertThat(api.error(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "MailFromDomain", "barfoo.com")
                .code()).isEqualTo("InvalidParameterValue");
        assertThat(api.error(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com", "MailFromDomain", "a b.foo.com")
                .getMessage()).isEqualTo("Invalid MAIL FROM domain: a b.foo.com.");

        SesException behavior = api.error(EAST, "SetIdentityMailFromDomain", "Identity", "foo.com",
                "MailFromDomain", "bar.foo.com", "BehaviorOnMXFailure", "SelfDestruct");
        assertThat(behavior.code()).isEqualTo("ValidationError");
        assertThat(behavior.getMessage()).isEqualTo("1 validation error detected: Value 'SelfDestruct' at "
                + "'behaviorOnMXFailure' failed to satisfy constraint: Member must satisfy enum value set: "
                + "[RejectMessage, UseDefaultValue]");
        assertThat(api.error(EAST, "SetIdentityMailFromDomain").getMessage()).contains("Value null at 'identity'");
        assertThat(api.error(EAST, "GetIdentityMailFromDomainAttributes").getMessage())
                .contains("Value null at 'identities'");
    }

    // --- dns mode -------------------------------------------------------------------------------

    @Test
    void dnsModeIsPendingUntilTheMxRecordAppearsAndFailedWhenItGoes() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "example.com", "MailFromDomain", "bounce.example.com");
        assertThat(status(api, "example.com")).isEqualTo("Pending");

        dns.addMx("bounce.example.com", 10, "feedback.inlet.example.net");
        assertThat(status(api, "example.com")).isEqualTo("Success");

        dns.remove("bounce.example.com");
        assertThat(status(api, "example.com")).isEqualTo("Failed");
    }

    @Test
    void dnsFailuresAreTemporaryFailure() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "example.com", "MailFromDomain", "bounce.example.com");
        dns.addMx("bounce.example.com", 10, "feedback.inlet.example.net");

        dns.fail(LoopbackDnsServer.Failure.SERVFAIL);
        assertThat(status(api, "example.com")).isEqualTo("TemporaryFailure");
        dns.fail(LoopbackDnsServer.Failure.NONE);
        assertThat(status(api, "example.com")).isEqualTo("Success");
    }

    @Test
    void noMxFor72HoursIsFailedAndSettingTheDomainAgainKeepsItsClock() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "example.com", "MailFromDomain", "bounce.example.com");
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        // A TXT record at the name is not an MX record.
        dns.addTxt("bounce.example.com", "v=spf1 -all");
        assertThat(status(api, "example.com")).isEqualTo("Failed");

        api.call(EAST, "SetIdentityMailFromDomain", "Identity", "example.com", "MailFromDomain", "other.example.com");
        assertThat(status(api, "example.com")).isEqualTo("Pending");
    }
}

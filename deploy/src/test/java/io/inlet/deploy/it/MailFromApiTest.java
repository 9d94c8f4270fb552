package io.inlet.deploy.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.model.BehaviorOnMXFailure;
import software.amazon.awssdk.services.ses.model.CustomMailFromStatus;
import software.amazon.awssdk.services.ses.model.IdentityMailFromDomainAttributes;

import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Custom MAIL FROM through the SDK against the daemon (issue 6 item 3; peers.md M-MF-01/02):
 * SetIdentityMailFromDomain, GetIdentityMailFromDomainAttributes and their errors. Verification
 * mode {@code auto}; the dns-mode statuses are MailFromOperationsTest's (config, loopback DNS).
 */
class MailFromApiTest extends DaemonPerClass {
    @BeforeAll
    static void start() {
        startDaemon(Map.of());
    }

    static Map<String, IdentityMailFromDomainAttributes> mailFrom(String... identities) {
        return ses.getIdentityMailFromDomainAttributes(b -> b.identities(identities)).mailFromDomainAttributes();
    }

    @Test
    void setThenGetForADomainAndAnAddress() {
        String domain = unique("mf") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        ses.verifyEmailIdentity(b -> b.emailAddress("test@" + domain));

        ses.setIdentityMailFromDomain(b -> b.identity(domain).mailFromDomain("bounce." + domain)
                .behaviorOnMXFailure(BehaviorOnMXFailure.REJECT_MESSAGE));
        ses.setIdentityMailFromDomain(b -> b.identity("test@" + domain).mailFromDomain("mail." + domain));

        Map<String, IdentityMailFromDomainAttributes> attrs = mailFrom(domain, "test@" + domain, "unknown." + domain);
        assertThat(attrs).containsOnlyKeys(domain, "test@" + domain);
        assertThat(attrs.get(domain).mailFromDomain()).isEqualTo("bounce." + domain);
        assertThat(attrs.get(domain).mailFromDomainStatus()).isEqualTo(CustomMailFromStatus.SUCCESS);
        assertThat(attrs.get(domain).behaviorOnMXFailure()).isEqualTo(BehaviorOnMXFailure.REJECT_MESSAGE);
        assertThat(attrs.get("test@" + domain).mailFromDomain()).isEqualTo("mail." + domain);
        assertThat(attrs.get("test@" + domain).behaviorOnMXFailure()).isEqualTo(BehaviorOnMXFailure.USE_DEFAULT_VALUE);
    }

    @Test
    void anIdentityWithoutMailFromHasOnlyTheDefaultBehaviourAndNoDomainClearsIt() {
        String domain = unique("mfclear") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        IdentityMailFromDomainAttributes unset = mailFrom(domain).get(domain);
        assertThat(unset.mailFromDomain()).isNull();
        assertThat(unset.mailFromDomainStatus()).isNull();
        assertThat(unset.behaviorOnMXFailure()).isEqualTo(BehaviorOnMXFailure.USE_DEFAULT_VALUE);

        ses.setIdentityMailFromDomain(b -> b.identity(domain).mailFromDomain("bounce." + domain));
        ses.setIdentityMailFromDomain(b -> b.identity(domain));

        assertThat(mailFrom(domain).get(domain).mailFromDomain()).isNull();
    }

    @Test
    void setIdentityMailFromDomainErrors() {
        String domain = unique("mferr") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));

        assertInvalidParameter(() -> ses.setIdentityMailFromDomain(b -> b.identity("foo." + domain)
                .mailFromDomain("bar.foo." + domain)), "Identity 'foo." + domain + "' does not exist.");
        assertInvalidParameter(() -> ses.setIdentityMailFromDomain(b -> b.identity(domain)
                .mailFromDomain("lorem.ipsum.com")), "Provided MAIL-FROM domain 'lorem.ipsum.com' is not subdomain "
                + "of the domain of the identity '" + domain + "'.");
        assertInvalidParameter(() -> ses.setIdentityMailFromDomain(b -> b.identity(domain).mailFromDomain(domain)),
                "Provided MAIL-FROM domain '" + domain + "' is not subdomain of the domain of the identity '"
                        + domain + "'.");
        assertValidationError(() -> ses.setIdentityMailFromDomain(b -> b.identity(domain)
                .mailFromDomain("bar." + domain).behaviorOnMXFailure("SelfDestruct")),
                "1 validation error detected: Value 'SelfDestruct' at 'behaviorOnMXFailure' failed to satisfy "
                        + "constraint: Member must satisfy enum value set: [RejectMessage, UseDefaultValue]");
    }
}

package io.inlet.deploy.it;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ses.model.IdentityDkimAttributes;
import software.amazon.awssdk.services.ses.model.MessageRejectedException;
import software.amazon.awssdk.services.ses.model.SesException;
import software.amazon.awssdk.services.ses.model.VerificationStatus;

import java.util.List;
import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Easy DKIM through the SDK against the daemon (issue 6 item 1): VerifyDomainDkim,
 * SetIdentityDkimEnabled, GetIdentityDkimAttributes and their errors. Verification mode
 * {@code auto}; the dns-mode transitions are DkimOperationsTest's (config, loopback DNS).
 */
class DkimApiTest extends DaemonPerClass {
    @BeforeAll
    static void start() {
        startDaemon(Map.of());
    }

    static Map<String, IdentityDkimAttributes> dkim(String... identities) {
        return ses.getIdentityDkimAttributes(b -> b.identities(identities)).dkimAttributes();
    }

    @Test
    void verifyDomainDkimReturnsThreeStableTokensAndTheDomainIsVerified() {
        String domain = unique("dkim") + ".example.com";
        List<String> tokens = ses.verifyDomainDkim(b -> b.domain(domain)).dkimTokens();

        assertThat(tokens).hasSize(3).doesNotHaveDuplicates().allMatch(t -> t.matches("[a-z2-7]{32}"));
        assertThat(ses.verifyDomainDkim(b -> b.domain(domain)).dkimTokens()).isEqualTo(tokens);
        assertThat(ses.listIdentities().identities()).contains(domain);
        IdentityDkimAttributes attrs = dkim(domain).get(domain);
        assertThat(attrs.dkimEnabled()).isTrue();
        assertThat(attrs.dkimVerificationStatus()).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(attrs.dkimTokens()).isEqualTo(tokens);
    }

    @Test
    void verifyDomainDkimErrors() {
        assertInvalidParameter(() -> ses.verifyDomainDkim(b -> b.domain("not_a.domain!")),
                "Invalid domain name: not_a.domain!.");
        assertValidationError(() -> ses.verifyDomainDkim(b -> b.domain(null)), "1 validation error detected: "
                + "Value null at 'domain' failed to satisfy constraint: Member must not be null");
    }

    @Test
    void getIdentityDkimAttributesOfUnsetDomainsAddressesAndUnknownIdentities() {
        String plain = unique("plain") + ".example.com";
        String signed = unique("signed") + ".example.com";
        ses.verifyDomainIdentity(b -> b.domain(plain));
        ses.verifyDomainDkim(b -> b.domain(signed));
        ses.verifyEmailIdentity(b -> b.emailAddress("user@" + signed));

        Map<String, IdentityDkimAttributes> attrs = dkim(plain, "user@" + signed, "unknown." + plain);

        assertThat(attrs).containsOnlyKeys(plain, "user@" + signed);
        assertThat(attrs.get(plain).dkimEnabled()).isFalse();
        assertThat(attrs.get(plain).dkimVerificationStatus()).isEqualTo(VerificationStatus.NOT_STARTED);
        assertThat(attrs.get(plain).hasDkimTokens()).isFalse();
        assertThat(attrs.get("user@" + signed).dkimEnabled()).isTrue();
        assertThat(attrs.get("user@" + signed).dkimVerificationStatus()).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(attrs.get("user@" + signed).hasDkimTokens()).isFalse();
        assertInvalidParameter(() -> dkim("bad identity"),
                "Identity \"bad identity\" is invalid. Must be a verified email address or domain.");
    }

    @Test
    void setIdentityDkimEnabledTurnsSigningOffAndOn() {
        String domain = unique("toggle") + ".example.com";
        ses.verifyDomainDkim(b -> b.domain(domain));

        ses.setIdentityDkimEnabled(b -> b.identity(domain).dkimEnabled(false));
        assertThat(dkim(domain).get(domain).dkimEnabled()).isFalse();
        ses.setIdentityDkimEnabled(b -> b.identity(domain).dkimEnabled(true));
        assertThat(dkim(domain).get(domain).dkimEnabled()).isTrue();
    }

    @Test
    void setIdentityDkimEnabledErrors() {
        String plain = unique("nodkim") + ".example.com";
        ses.verifyEmailIdentity(b -> b.emailAddress("user@" + plain));

        assertSesError(() -> ses.setIdentityDkimEnabled(b -> b.identity("unknown." + plain).dkimEnabled(true)),
                MessageRejectedException.class, "MessageRejected",
                "Identity unknown." + plain + " is not verified or does not exist.");
        assertSesError(() -> ses.setIdentityDkimEnabled(b -> b.identity("user@" + plain).dkimEnabled(true)),
                SesException.class, "InvalidParameterValue",
                "Easy DKIM is not set up for domain " + plain + ". Call VerifyDomainDkim for " + plain + " first.");
    }
}

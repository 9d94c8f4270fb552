package io.inlet.config.identity;

import io.inlet.config.api.SesException;
import io.inlet.config.identity.dkim.DkimKey;
import io.inlet.config.identity.dkim.DkimSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Easy DKIM through the identity operations as the daemon registers them: VerifyDomainDkim,
 * SetIdentityDkimEnabled, GetIdentityDkimAttributes in auto mode, and the dns-mode status
 * transitions against a real (loopback) DNS responder.
 */
class DkimOperationsTest extends LoopbackDnsOperationsFixture {
    private static Map<String, Map<String, String>> dkim(ApiCalls api, String... identities) {
        return api.call(EAST, "GetIdentityDkimAttributes", identityMembers(identities)).map("DkimAttributes");
    }

    private DkimSettings stored(String domain) {
        return store.read(tx -> DkimSettings.of(tx, EAST, domain)).orElseThrow();
    }

    // --- auto mode ------------------------------------------------------------------------------

    @Test
    void verifyDomainDkimReturnsThreeTokensAddsTheDomainAndIsSuccessAtOnce() {
        ApiCalls api = api(VerificationMode.AUTO);
        List<String> tokens = api.call(EAST, "VerifyDomainDkim", "Domain", "Example.COM").list("DkimTokens");

        assertThat(tokens).hasSize(3).doesNotHaveDuplicates().allMatch(t -> t.matches("[a-z2-7]{32}"));
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).containsExactly("example.com");
        assertThat(dkim(api, "example.com").get("example.com"))
                .containsEntry("DkimEnabled", "true")
                .containsEntry("DkimVerificationStatus", "Success")
                .containsEntry("DkimTokens", String.join("", tokens));
        // Calling again returns the same tokens: records already published stay valid.
        assertThat(api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens")).isEqualTo(tokens);
    }

    @Test
    void eachTokenHasItsOwnRsa2048KeyInTheStoreAndThePublishedPublicKeyVerifiesItsSignatures() throws Exception {
        ApiCalls api = api(VerificationMode.AUTO);
        List<String> tokens = api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens");

        DkimSettings dkim = stored("example.com");
        assertThat(dkim.keys()).extracting(DkimKey::token).isEqualTo(tokens);
        assertThat(dkim.keys()).extracting(DkimKey::pkcs8).doesNotHaveDuplicates();
        for (DkimKey key : dkim.keys()) {
            assertThat(key.privateKey().getModulus().bitLength()).isEqualTo(2048);
            PublicKey published = KeyFactory.getInstance("RSA").generatePublic(
                    new X509EncodedKeySpec(Base64.getDecoder().decode(key.publicKeyBase64())));
            byte[] data = "DKIM-Signature header hash".getBytes(StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key.privateKey());
            signer.update(data);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(published);
            verifier.update(data);
            assertThat(verifier.verify(signature)).isTrue();
            assertThat(key.txtValue()).isEqualTo("v=DKIM1; k=rsa; p=" + key.publicKeyBase64());
            assertThat(key.recordName("example.com")).isEqualTo(key.token() + "._domainkey.example.com");
        }
    }

    @Test
    void verifyDomainDkimErrors() {
        ApiCalls api = api(VerificationMode.AUTO);
        SesException missing = api.error(EAST, "VerifyDomainDkim");
        assertThat(missing.code()).isEqualTo("ValidationError");
        assertThat(missing.getMessage()).isEqualTo("1 validation error detected: Value null at 'domain' "
                + "failed to satisfy constraint: Member must not be null");
        SesException invalid = api.error(EAST, "VerifyDomainDkim", "Domain", "not a domain");
        assertThat(invalid.code()).isEqualTo("InvalidParameterValue");
        assertThat(invalid.getMessage()).isEqualTo("Invalid domain name: not a domain.");
    }

    @Test
    void getIdentityDkimAttributesForDomainsAddressesAndUnknownIdentities() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "plain.example");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@plain.example");
        api.call(EAST, "VerifyDomainDkim", "Domain", "signed.example");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@signed.example");

        Map<String, Map<String, String>> attrs = dkim(api, "plain.example", "user@plain.example",
                "signed.example", "user@SIGNED.example", "unknown.example", "nobody@signed.example");

        assertThat(attrs).containsOnlyKeys("plain.example", "user@plain.example", "signed.example", "user@SIGNED.example");
        assertThat(attrs.get("plain.example")).containsExactlyInAnyOrderEntriesOf(
                Map.of("DkimEnabled", "false", "DkimVerificationStatus", "NotStarted"));
        assertThat(attrs.get("user@plain.example")).containsExactlyInAnyOrderEntriesOf(
                Map.of("DkimEnabled", "false", "DkimVerificationStatus", "NotStarted"));
        // The domain part is case-insensitive. An address has no tokens of its own; it reports (and by default follows) its domain's DKIM.
        assertThat(attrs.get("user@SIGNED.example")).containsExactlyInAnyOrderEntriesOf(
                Map.of("DkimEnabled", "true", "DkimVerificationStatus", "Success"));

        SesException missing = api.error(EAST, "GetIdentityDkimAttributes");
        assertThat(missing.getMessage()).contains("Value null at 'identities'");
        String[] tooMany = new String[202];
        for (int i = 0; i < 101; i++) {
            tooMany[2 * i] = "Identities.member." + (i + 1);
            tooMany[2 * i + 1] = "d" + i + ".example";
        }
        assertThat(api.error(EAST, "GetIdentityDkimAttributes", tooMany).code()).isEqualTo("ValidationError");
        assertThat(api.error(EAST, "GetIdentityDkimAttributes", "Identities.member.1", "bad identity").code())
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void setIdentityDkimEnabledTurnsSigningOffAndOnForDomainsAndAddresses() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainDkim", "Domain", "example.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");

        api.call(EAST, "SetIdentityDkimEnabled", "Identity", "example.com", "DkimEnabled", "false");
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimEnabled", "false")
                .containsEntry("DkimVerificationStatus", "Success");
        assertThat(dkim(api, "user@example.com").get("user@example.com")).containsEntry("DkimEnabled", "false");

        api.call(EAST, "SetIdentityDkimEnabled", "Identity", "user@example.com", "DkimEnabled", "true");
        assertThat(dkim(api, "user@example.com").get("user@example.com")).containsEntry("DkimEnabled", "true");
        api.call(EAST, "SetIdentityDkimEnabled", "Identity", "example.com", "DkimEnabled", "true");
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimEnabled", "true");
        // Setting it again (VerifyDomainDkim too) keeps the keys.
        List<DkimKey> keys = stored("example.com").keys();
        api.call(EAST, "VerifyDomainDkim", "Domain", "example.com");
        assertThat(stored("example.com").keys()).isEqualTo(keys);
    }

    @Test
    void setIdentityDkimEnabledErrors() {
        ApiCalls api = api(VerificationMode.AUTO);
        api.call(EAST, "VerifyDomainIdentity", "Domain", "plain.example");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@plain.example");

        SesException unknown = api.error(EAST, "SetIdentityDkimEnabled", "Identity", "unknown.example", "DkimEnabled", "true");
        assertThat(unknown.code()).isEqualTo("MessageRejected");
        assertThat(unknown.getMessage()).isEqualTo("Identity unknown.example is not verified or does not exist.");
        SesException notSetUp = api.error(EAST, "SetIdentityDkimEnabled", "Identity", "user@plain.example",
                "DkimEnabled", "true");
        assertThat(notSetUp.code()).isEqualTo("InvalidParameterValue");
        assertThat(notSetUp.getMessage()).isEqualTo(
                "Easy DKIM is not set up for domain plain.example. Call VerifyDomainDkim for plain.example first.");
        assertThat(api.error(EAST, "SetIdentityDkimEnabled", "Identity", "plain.example", "DkimEnabled", "yes").code())
                .isEqualTo("MalformedInput");
        assertThat(api.error(EAST, "SetIdentityDkimEnabled", "Identity", "plain.example").getMessage())
                .contains("Value null at 'dkimEnabled'");
        // Turning off what is not on is accepted.
        api.call(EAST, "SetIdentityDkimEnabled", "Identity", "plain.example", "DkimEnabled", "false");
        assertThat(dkim(api, "plain.example").get("plain.example")).containsEntry("DkimEnabled", "false");
    }

    @Test
    void deleteIdentityDeletesTheKeys() {
        ApiCalls api = api(VerificationMode.AUTO);
        List<String> before = api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens");

        api.call(EAST, "DeleteIdentity", "Identity", "example.com");

        Map<String, String> attributes = store.read(tx -> tx.identityAttributes(EAST, "example.com"));
        assertThat(attributes).isEmpty();
        assertThat(api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens"))
                .doesNotContainAnyElementsOf(before);
    }

    // --- dns mode -------------------------------------------------------------------------------

    @Test
    void dnsModeIsPendingUntilEverySelectorPublishesItsOwnKeyThenTheDomainIsVerifiedToo() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainDkim", "Domain", "example.com");
        List<DkimKey> keys = stored("example.com").keys();
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Pending");

        dns.addTxt(keys.get(0).recordName("example.com"), keys.get(0).txtValue());
        dns.addTxt(keys.get(1).recordName("example.com"), keys.get(1).txtValue());
        // The third name publishes another selector's key: a signature would not verify, so no Success.
        dns.addTxt(keys.get(2).recordName("example.com"), keys.get(0).txtValue());
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Pending");
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "example.com")).isFalse();

        dns.remove(keys.get(2).recordName("example.com"));
        dns.addTxt(keys.get(2).recordName("example.com"), keys.get(2).txtValue());
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Success");
        // SES-RECEIVING §7.1: a DKIM-verified domain is a verified identity (its TXT record was never published).
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "user@example.com")).isTrue();

        int queries = dns.queries();
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Success");
        assertThat(dns.queries()).as("Success is not re-checked").isEqualTo(queries);
    }

    @Test
    void dnsModeFollowsCnamesIntoAZoneTheOperatorRuns() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainDkim", "Domain", "example.com");
        for (DkimKey key : stored("example.com").keys()) {
            dns.addCname(key.recordName("example.com"), key.token() + ".dkim.keys.example.net");
            dns.addTxt(key.token() + ".dkim.keys.example.net", key.txtValue());
        }
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Success");
    }

    @Test
    void dnsFailuresAreTemporaryFailureUntilTheLookupsWorkAgain() {
        ApiCalls api = api(VerificationMode.DNS);
        api.call(EAST, "VerifyDomainDkim", "Domain", "example.com");
        for (DkimKey key : stored("example.com").keys()) {
            dns.addTxt(key.recordName("example.com"), key.txtValue());
        }
        dns.fail(LoopbackDnsServer.Failure.SERVFAIL);
        assertThat(dkim(api, "example.com").get("example.com"))
                .containsEntry("DkimVerificationStatus", "TemporaryFailure");

        dns.fail(LoopbackDnsServer.Failure.NONE);
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Success");
    }

    @Test
    void seventyTwoHoursWithoutTheRecordsIsFailedAndVerifyingAgainRestartsWithTheSameTokens() {
        ApiCalls api = api(VerificationMode.DNS);
        List<String> tokens = api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens");
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Failed");

        assertThat(api.call(EAST, "VerifyDomainDkim", "Domain", "example.com").list("DkimTokens")).isEqualTo(tokens);
        assertThat(dkim(api, "example.com").get("example.com")).containsEntry("DkimVerificationStatus", "Pending");
    }
}

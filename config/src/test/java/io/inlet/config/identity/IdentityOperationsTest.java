package io.inlet.config.identity;

import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The identity operations in auto mode (SES-RECEIVING.md §6.5, §6.7, §7; moto M-ID-01..07). */
class IdentityOperationsTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final Scope WEST = new Scope("123456789012", "us-west-1");

    @TempDir
    Path dir;
    SqliteStore store;
    ApiCalls api;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        api = new ApiCalls(new IdentityOperations(store, IdentitySettings.defaults(),
                (domain, token) -> { throw new AssertionError("auto mode never looks up DNS"); },
                Clock.systemUTC()).operations());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void registryHoldsTheIdentityOperations() {
        assertThat(new IdentityOperations(store, IdentitySettings.defaults(), (d, t) -> null, Clock.systemUTC())
                .operations()).containsOnlyKeys("VerifyDomainIdentity", "VerifyEmailIdentity", "VerifyEmailAddress",
                "DeleteIdentity", "DeleteVerifiedEmailAddress", "ListIdentities", "ListVerifiedEmailAddresses",
                "GetIdentityVerificationAttributes",
                "SetIdentityNotificationTopic", "SetIdentityFeedbackForwardingEnabled",
                "SetIdentityHeadersInNotificationsEnabled", "GetIdentityNotificationAttributes",
                "PutIdentityPolicy", "GetIdentityPolicies", "ListIdentityPolicies", "DeleteIdentityPolicy",
                "VerifyDomainDkim", "SetIdentityDkimEnabled", "GetIdentityDkimAttributes",
                "SetIdentityMailFromDomain", "GetIdentityMailFromDomainAttributes");
    }

    @Test
    void verifyDomainReturnsA44CharBase64TokenOf32BytesAndTheSameTokenAgain() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        assertThat(token).hasSize(44).endsWith("=").matches("[A-Za-z0-9+/]{43}=");
        assertThat(Base64.getDecoder().decode(token)).hasSize(32);

        assertThat(api.call(EAST, "VerifyDomainIdentity", "Domain", "EXAMPLE.com").text("VerificationToken")).isEqualTo(token);
        String other = api.call(EAST, "VerifyDomainIdentity", "Domain", "other.example").text("VerificationToken");
        assertThat(other).isNotEqualTo(token);
    }

    @Test
    void listedIdentitiesAndTypeFilter_M_ID_01() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "domain1.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "domain2.com");

        assertThat(api.call(EAST, "ListIdentities").list("Identities"))
                .containsExactly("test@example.com", "domain1.com", "domain2.com");
        assertThat(api.call(EAST, "ListIdentities", "IdentityType", "EmailAddress").list("Identities"))
                .containsExactly("test@example.com");
        assertThat(api.call(EAST, "ListIdentities", "IdentityType", "Domain").list("Identities"))
                .containsExactly("domain1.com", "domain2.com");

        SesException e = api.error(EAST, "ListIdentities", "IdentityType", "Unknown");
        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.httpStatus()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("1 validation error detected: Value 'Unknown' at 'identityType' failed to "
                + "satisfy constraint: Member must satisfy enum value set: [Domain, EmailAddress]");
    }

    @Test
    void emptyListStillHasTheIdentitiesElementAndNoNextToken() {
        ApiCalls.Result r = api.call(EAST, "ListIdentities");
        assertThat(r.xml()).isEqualTo("<Identities/>");
        assertThat(r.list("Identities")).isEmpty();
        assertThat(r.has("NextToken")).isFalse();
    }

    @Test
    void identitiesAreRegionSpecific_M_ID_02() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        assertThat(api.call(WEST, "ListIdentities").list("Identities")).isEmpty();
        assertThat(api.call(WEST, "ListVerifiedEmailAddresses").list("VerifiedEmailAddresses")).isEmpty();
        assertThat(api.call(WEST, "GetIdentityVerificationAttributes", "Identities.member.1", "example.com")
                .map("VerificationAttributes")).isEmpty();
        // Same name in another region is a separate identity with its own token.
        String west = api.call(WEST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        String east = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        assertThat(west).isNotEqualTo(east);
        api.call(WEST, "DeleteIdentity", "Identity", "example.com");
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).contains("example.com");
    }

    @Test
    void verifyingAnAddressTwiceListsItOnce_M_ID_03() {
        ApiCalls.Result first = api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        assertThat(first.hasResult()).isTrue();
        assertThat(first.xml()).isEmpty(); // the server writes <VerifyEmailIdentityResult/>
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).containsExactly("test@example.com");
    }

    @Test
    void legacyVerifyEmailAddressHasNoResultAndIsListedAsVerified_M_ID_04() {
        ApiCalls.Result r = api.call(EAST, "VerifyEmailAddress", "EmailAddress", "test@example.com");
        assertThat(r.hasResult()).isFalse();
        assertThat(api.call(EAST, "ListVerifiedEmailAddresses").list("VerifiedEmailAddresses"))
                .containsExactly("test@example.com");
    }

    @Test
    void listVerifiedEmailAddressesHoldsAddressesOnly() {
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        ApiCalls.Result empty = api.call(EAST, "ListVerifiedEmailAddresses");
        assertThat(empty.xml()).isEqualTo("<VerifiedEmailAddresses/>");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "b@example.com");
        api.call(EAST, "VerifyEmailAddress", "EmailAddress", "a@example.com");
        assertThat(api.call(EAST, "ListVerifiedEmailAddresses").list("VerifiedEmailAddresses"))
                .containsExactly("b@example.com", "a@example.com");
    }

    @Test
    void deleteIdentityIsIdempotent_M_ID_05() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        assertThat(api.call(EAST, "DeleteIdentity", "Identity", "test@example.com").hasResult()).isTrue();
        api.call(EAST, "DeleteIdentity", "Identity", "EXAMPLE.COM");
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).isEmpty();
        api.call(EAST, "DeleteIdentity", "Identity", "example.com");
        api.call(EAST, "DeleteIdentity", "Identity", "never@seen.example");
        api.call(EAST, "DeleteIdentity", "Identity", "not an identity");
        assertThat(api.error(EAST, "DeleteIdentity").code()).isEqualTo("ValidationError");
    }

    @Test
    void deleteVerifiedEmailAddressHasNoResultAndLeavesDomainsAlone() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        ApiCalls.Result r = api.call(EAST, "DeleteVerifiedEmailAddress", "EmailAddress", "test@EXAMPLE.com");
        assertThat(r.hasResult()).isFalse();
        api.call(EAST, "DeleteVerifiedEmailAddress", "EmailAddress", "example.com");
        api.call(EAST, "DeleteVerifiedEmailAddress", "EmailAddress", "test@example.com");
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).containsExactly("example.com");
    }

    @Test
    void domainsAreCaseInsensitive_M_ID_06() {
        api.call(EAST, "VerifyDomainIdentity", "Domain", "EXAMPLE.COM");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "EXAMple.Com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        assertThat(api.call(EAST, "ListIdentities", "IdentityType", "Domain").list("Identities"))
                .containsExactly("example.com");
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", "Example.COM")
                .map("VerificationAttributes")).containsOnlyKeys("Example.COM");
    }

    @Test
    void addressesKeepTheirLocalPartAndLowerCaseTheirDomain() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "John.Doe@Example.COM");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "John.Doe@example.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "john.doe@example.com");
        assertThat(api.call(EAST, "ListIdentities").list("Identities"))
                .containsExactly("John.Doe@example.com", "john.doe@example.com");
    }

    @Test
    void verificationAttributesOmitUnknownIdentities_M_ID_07() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "test@example.com");

        Map<String, Map<String, String>> attrs = api.call(EAST, "GetIdentityVerificationAttributes",
                "Identities.member.1", "example.com",
                "Identities.member.2", "test@example.com",
                "Identities.member.3", "unknown.example").map("VerificationAttributes");
        assertThat(attrs).containsOnlyKeys("example.com", "test@example.com");
        assertThat(attrs.get("example.com")).containsExactlyInAnyOrderEntriesOf(
                Map.of("VerificationStatus", "Success", "VerificationToken", token));
        assertThat(attrs.get("test@example.com")).containsExactlyEntriesOf(Map.of("VerificationStatus", "Success"));
    }

    @Test
    void verificationAttributesWireShape() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", "example.com").xml())
                .isEqualTo("<VerificationAttributes><entry><key>example.com</key><value>"
                        + "<VerificationStatus>Success</VerificationStatus><VerificationToken>" + token
                        + "</VerificationToken></value></entry></VerificationAttributes>");
        // An empty list (the SDK sends "Identities=") is allowed and gives an empty map.
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes", "Identities", "").map("VerificationAttributes"))
                .isEmpty();
    }

    @Test
    void verificationAttributesValidation() {
        SesException missing = api.error(EAST, "GetIdentityVerificationAttributes");
        assertThat(missing.code()).isEqualTo("ValidationError");
        assertThat(missing.getMessage()).isEqualTo("1 validation error detected: Value null at 'identities' failed "
                + "to satisfy constraint: Member must not be null");

        List<String> params = new ArrayList<>();
        for (int i = 1; i <= 101; i++) {
            params.add("Identities.member." + i);
            params.add("d" + i + ".example.com");
        }
        assertThat(api.error(EAST, "GetIdentityVerificationAttributes", params.toArray(String[]::new)).code())
                .isEqualTo("ValidationError");
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes",
                params.subList(0, 200).toArray(String[]::new)).map("VerificationAttributes")).isEmpty();

        SesException bad = api.error(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", "\"a@b.com\"");
        assertThat(bad.code()).isEqualTo("InvalidParameterValue");
        assertThat(bad.getMessage()).isEqualTo("Identity \"\"a@b.com\"\" is invalid. Must be a verified email address or domain.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example", "-example.com", "example-.com", "exa_mple.com", "example..com", ".example.com",
            "example.com.", "1.2.3.4", "exämple.com", "user@example.com", "exa mple.com"})
    void invalidDomainsAreRejected(String domain) {
        SesException e = api.error(EAST, "VerifyDomainIdentity", "Domain", domain);
        assertThat(e.code()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).isEqualTo("Invalid domain name: " + domain + ".");
    }

    @Test
    void overlongDomainLabelIsRejected() {
        String label = "a".repeat(64);
        assertThat(api.error(EAST, "VerifyDomainIdentity", "Domain", label + ".com").code()).isEqualTo("InvalidParameterValue");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "a".repeat(63) + ".com");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "xn--bcher-kva.example");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "mail.sub.example.co.uk");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "STUB", "user@", "@example.com", "user@example", "us er@example.com", "a..b@example.com",
            ".a@example.com", "a.@example.com", "Name <user@example.com>", "\"quoted\"@example.com", "üser@example.com",
            "user@exa_mple.com"})
    void invalidAddressesAreRejected(String address) {
        SesException e = api.error(EAST, "VerifyEmailIdentity", "EmailAddress", address);
        assertThat(e.code()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).isEqualTo("Invalid email address<" + address + ">.");
        assertThat(api.error(EAST, "VerifyEmailAddress", "EmailAddress", address).code()).isEqualTo("InvalidParameterValue");
    }

    @Test
    void validAddressForms() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "first.last+tag@example.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "o'brien!#$%&*/=?^_`{|}~-@sub.example.com");
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).hasSize(2);
    }

    @Test
    void missingRequiredParametersAreValidationErrors() {
        SesException domain = api.error(EAST, "VerifyDomainIdentity");
        assertThat(domain.code()).isEqualTo("ValidationError");
        assertThat(domain.getMessage()).isEqualTo(
                "1 validation error detected: Value null at 'domain' failed to satisfy constraint: Member must not be null");
        assertThat(api.error(EAST, "VerifyEmailIdentity").getMessage()).contains("'emailAddress'");
        assertThat(api.error(EAST, "VerifyEmailAddress").getMessage()).contains("'emailAddress'");
        assertThat(api.error(EAST, "DeleteIdentity").getMessage()).contains("'identity'");
        assertThat(api.error(EAST, "DeleteVerifiedEmailAddress").getMessage()).contains("'emailAddress'");
    }

    @Test
    void pagingFollowsCreationOrderAndKeepsTheTypeFilter() {
        List<String> domains = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            String d = "d" + i + ".example.com";
            domains.add(d);
            api.call(EAST, "VerifyDomainIdentity", "Domain", d);
            api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "u" + i + "@example.com");
        }
        List<String> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        ApiCalls.Result page = api.call(EAST, "ListIdentities", "IdentityType", "Domain", "MaxItems", "3");
        while (true) {
            assertThat(page.list("Identities")).hasSizeLessThanOrEqualTo(3);
            seen.addAll(page.list("Identities"));
            if (!page.has("NextToken")) {
                break;
            }
            String token = page.text("NextToken");
            assertThat(token).isNotEmpty().isNotIn(tokens); // botocore fails on a repeated token
            tokens.add(token);
            // Follow-up without IdentityType: the token keeps the filter.
            page = api.call(EAST, "ListIdentities", "MaxItems", "3", "NextToken", token);
        }
        assertThat(seen).containsExactlyElementsOf(domains);
        assertThat(tokens).hasSize(2);

        // The SDK paginator resends IdentityType on every page; same result.
        ApiCalls.Result first = api.call(EAST, "ListIdentities", "IdentityType", "EmailAddress", "MaxItems", "5");
        ApiCalls.Result second = api.call(EAST, "ListIdentities", "IdentityType", "EmailAddress", "MaxItems", "5",
                "NextToken", first.text("NextToken"));
        assertThat(second.list("Identities")).containsExactly("u5@example.com", "u6@example.com");
        assertThat(second.has("NextToken")).isFalse();

        // An exact fit ends without a token.
        assertThat(api.call(EAST, "ListIdentities", "MaxItems", "14").has("NextToken")).isFalse();
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).hasSize(14);
    }

    @Test
    void pagingSurvivesDeletingTheLastListedIdentity() {
        for (int i = 0; i < 6; i++) {
            api.call(EAST, "VerifyDomainIdentity", "Domain", "d" + i + ".example.com");
        }
        ApiCalls.Result first = api.call(EAST, "ListIdentities", "MaxItems", "3");
        assertThat(first.list("Identities")).containsExactly("d0.example.com", "d1.example.com", "d2.example.com");
        api.call(EAST, "DeleteIdentity", "Identity", "d2.example.com");
        assertThat(api.call(EAST, "ListIdentities", "MaxItems", "3", "NextToken", first.text("NextToken"))
                .list("Identities")).containsExactly("d3.example.com", "d4.example.com", "d5.example.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "1001", "-1", "abc", ""})
    void maxItemsOutOfRangeIsAValidationError(String maxItems) {
        SesException e = api.error(EAST, "ListIdentities", "MaxItems", maxItems);
        assertThat(e.code()).isEqualTo("ValidationError");
        assertThat(e.getMessage()).startsWith("1 validation error detected: Value '" + maxItems + "' at 'maxItems'");
    }

    @Test
    void boundaryMaxItemsAndCombinedViolations() {
        api.call(EAST, "ListIdentities", "MaxItems", "1");
        api.call(EAST, "ListIdentities", "MaxItems", "1000");
        assertThat(api.error(EAST, "ListIdentities", "IdentityType", "domain", "MaxItems", "0").getMessage())
                .startsWith("2 validation errors detected: Value 'domain' at 'identityType'")
                .contains("; Value '0' at 'maxItems'");
    }

    @Test
    void garbageNextTokenIsRejected() {
        SesException e = api.error(EAST, "ListIdentities", "NextToken", "not-a-token!");
        assertThat(e.code()).isEqualTo("InvalidParameterValue");
        assertThat(api.error(EAST, "ListIdentities", "NextToken", "aGVsbG8").code()).isEqualTo("InvalidParameterValue");
    }
}

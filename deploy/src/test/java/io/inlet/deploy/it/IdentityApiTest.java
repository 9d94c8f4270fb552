package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.ses.model.ListIdentitiesResponse;
import software.amazon.awssdk.services.ses.model.VerificationStatus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Identity operations receiving needs, through the SDK: VerifyDomainIdentity, VerifyEmailIdentity,
 * the deprecated VerifyEmailAddress / ListVerifiedEmailAddresses / DeleteVerifiedEmailAddress,
 * DeleteIdentity, ListIdentities and GetIdentityVerificationAttributes (SES-RECEIVING.md §6.7,
 * Part 1 "Control plane"; peers.md M-ID / G-ID). Verification mode {@code auto}.
 */
class IdentityApiTest {
    /** 32 random bytes in base64: 43 characters and one '='. */
    static final String TOKEN_PATTERN = "^[A-Za-z0-9+/]{43}=$";

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

    static List<String> identities(SesClient client, IdentityType type) {
        return client.listIdentities(b -> b.identityType(type)).identities();
    }

    static Map<String, IdentityVerificationAttributes> attributes(SesClient client, String... identities) {
        return client.getIdentityVerificationAttributes(b -> b.identities(identities)).verificationAttributes();
    }

    @Test
    void verifyDomainIdentityReturnsABase64TokenAndVerifiesAtOnce() {
        String domain = unique("domain") + ".example.com";

        String token = ses.verifyDomainIdentity(b -> b.domain(domain)).verificationToken();

        assertThat(token).hasSize(44).matches(TOKEN_PATTERN);
        assertThat(identities(ses, IdentityType.DOMAIN)).contains(domain);
        IdentityVerificationAttributes attrs = attributes(ses, domain).get(domain);
        assertThat(attrs.verificationStatus()).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(attrs.verificationToken()).isEqualTo(token);
    }

    @Test
    void domainsAreCaseInsensitive() {
        SesClient region = inlet.ses("us-east-2");
        region.verifyDomainIdentity(b -> b.domain("EXAMPLE.COM"));
        region.verifyDomainIdentity(b -> b.domain("EXAMple.Com"));
        region.verifyDomainIdentity(b -> b.domain("example.com"));

        assertThat(identities(region, IdentityType.DOMAIN)).containsExactly("example.com");
        assertThat(region.listIdentities(b -> { }).identities()).containsExactly("example.com");
        assertThat(attributes(region, "example.com")).containsOnlyKeys("example.com");
    }

    @Test
    void verifyEmailIdentityListsTheAddressAndIsIdempotent() {
        String address = unique("user") + "@example.net";

        ses.verifyEmailIdentity(b -> b.emailAddress(address));
        ses.verifyEmailIdentity(b -> b.emailAddress(address));

        assertThat(identities(ses, IdentityType.EMAIL_ADDRESS)).containsOnlyOnce(address);
        assertThat(identities(ses, IdentityType.DOMAIN)).doesNotContain(address);
        IdentityVerificationAttributes attrs = attributes(ses, address).get(address);
        assertThat(attrs.verificationStatus()).isEqualTo(VerificationStatus.SUCCESS);
        assertThat(attrs.verificationToken()).isNull();
    }

    @Test
    void getIdentityVerificationAttributesOmitsUnknownIdentities() {
        String domain = unique("known") + ".example.org";
        String address = unique("known") + "@example.org";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        ses.verifyEmailIdentity(b -> b.emailAddress(address));

        Map<String, IdentityVerificationAttributes> attrs = attributes(ses, domain, address, "unknown@example.org", "unknown.example");

        assertThat(attrs).containsOnlyKeys(domain, address);
        assertThat(attrs.values()).extracting(IdentityVerificationAttributes::verificationStatus)
                .containsOnly(VerificationStatus.SUCCESS);
        assertThat(attrs.get(domain).verificationToken()).matches(TOKEN_PATTERN);
        assertThat(attributes(ses, "nobody@unknown.example")).isEmpty();
    }

    @Test
    void legacyVerifyEmailAddressAndListVerifiedEmailAddresses() {
        SesClient region = inlet.ses("eu-west-1");
        assertThat(region.listVerifiedEmailAddresses(b -> { }).verifiedEmailAddresses()).isEmpty();

        // no <VerifyEmailAddressResult> element: the SDK must still parse the response
        assertThatCode(() -> region.verifyEmailAddress(b -> b.emailAddress("legacy@example.com"))).doesNotThrowAnyException();
        region.verifyEmailIdentity(b -> b.emailAddress("modern@example.com"));
        region.verifyDomainIdentity(b -> b.domain("legacy-domain.example"));

        assertThat(region.listVerifiedEmailAddresses(b -> { }).verifiedEmailAddresses())
                .containsExactlyInAnyOrder("legacy@example.com", "modern@example.com");
        assertThat(identities(region, IdentityType.EMAIL_ADDRESS))
                .containsExactlyInAnyOrder("legacy@example.com", "modern@example.com");
        assertThat(attributes(region, "legacy@example.com").get("legacy@example.com").verificationStatus())
                .isEqualTo(VerificationStatus.SUCCESS);
    }

    @Test
    void legacyDeleteVerifiedEmailAddressRemovesTheAddress() {
        String address = unique("old") + "@example.com";
        ses.verifyEmailAddress(b -> b.emailAddress(address));

        assertThatCode(() -> ses.deleteVerifiedEmailAddress(b -> b.emailAddress(address))).doesNotThrowAnyException();

        assertThat(ses.listVerifiedEmailAddresses(b -> { }).verifiedEmailAddresses()).doesNotContain(address);
        assertThat(identities(ses, IdentityType.EMAIL_ADDRESS)).doesNotContain(address);
        assertThat(attributes(ses, address)).isEmpty();
        assertThatCode(() -> ses.deleteVerifiedEmailAddress(b -> b.emailAddress(address))).doesNotThrowAnyException();
    }

    @Test
    void deleteIdentityRemovesDomainsAndAddressesAndIsIdempotent() {
        String domain = unique("gone") + ".example.com";
        String address = unique("gone") + "@example.com";
        String kept = unique("kept") + "@example.com";
        ses.verifyDomainIdentity(b -> b.domain(domain));
        ses.verifyEmailIdentity(b -> b.emailAddress(address));
        ses.verifyEmailIdentity(b -> b.emailAddress(kept));

        ses.deleteIdentity(b -> b.identity(domain));
        ses.deleteIdentity(b -> b.identity(address));

        List<String> all = ses.listIdentities(b -> { }).identities();
        assertThat(all).doesNotContain(domain, address).contains(kept);
        assertThat(attributes(ses, domain, address, kept)).containsOnlyKeys(kept);
        assertThatCode(() -> ses.deleteIdentity(b -> b.identity(domain))).doesNotThrowAnyException();
        assertThatCode(() -> ses.deleteIdentity(b -> b.identity("never@example.com"))).doesNotThrowAnyException();
    }

    @Test
    void deleteIdentityOfTheLastIdentityLeavesAnEmptyList() {
        SesClient region = inlet.ses("ap-east-1");
        region.verifyEmailIdentity(b -> b.emailAddress("only@example.com"));
        region.deleteIdentity(b -> b.identity("only@example.com"));
        ListIdentitiesResponse listed = region.listIdentities(b -> { });
        assertThat(listed.identities()).isEmpty();
        assertThat(listed.nextToken()).isNull();
    }

    @Test
    void listIdentitiesFiltersByTypeAndPagesWithMaxItems() {
        SesClient region = inlet.ses("eu-central-1");
        List<String> emails = List.of("e1@example.com", "e2@example.com", "e3@example.com", "e4@example.com", "e5@example.com");
        List<String> domains = List.of("d1.example", "d2.example", "d3.example");
        for (int i = 0; i < emails.size(); i++) {
            String email = emails.get(i);
            region.verifyEmailIdentity(b -> b.emailAddress(email));
            if (i < domains.size()) {
                String domain = domains.get(i);
                region.verifyDomainIdentity(b -> b.domain(domain));
            }
        }
        List<String> everything = new ArrayList<>(emails);
        everything.addAll(domains);

        assertThat(region.listIdentities(b -> { }).identities()).containsExactlyInAnyOrderElementsOf(everything);
        assertThat(identities(region, IdentityType.EMAIL_ADDRESS)).containsExactlyInAnyOrderElementsOf(emails);
        assertThat(identities(region, IdentityType.DOMAIN)).containsExactlyInAnyOrderElementsOf(domains);

        // all identities, three a page: 3 + 3 + 2
        List<String> seen = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            ListIdentitiesResponse page = region.listIdentities(b -> b.maxItems(3).nextToken(next));
            seen.addAll(page.identities());
            sizes.add(page.identities().size());
            token = page.nextToken();
        } while (token != null);
        assertThat(sizes).containsExactly(3, 3, 2);
        assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(everything);

        // domains only, two a page, the type repeated on the follow-up page
        ListIdentitiesResponse first = region.listIdentities(b -> b.identityType(IdentityType.DOMAIN).maxItems(2));
        assertThat(first.identities()).hasSize(2);
        assertThat(first.nextToken()).isNotEmpty();
        ListIdentitiesResponse second = region.listIdentities(b -> b.identityType(IdentityType.DOMAIN).maxItems(2)
                .nextToken(first.nextToken()));
        assertThat(second.nextToken()).isNull();
        List<String> pagedDomains = new ArrayList<>(first.identities());
        pagedDomains.addAll(second.identities());
        assertThat(pagedDomains).containsExactlyInAnyOrderElementsOf(domains);

        // exactly a page: no NextToken
        assertThat(region.listIdentities(b -> b.identityType(IdentityType.DOMAIN).maxItems(3)).nextToken()).isNull();
    }

    @Test
    void theSdkPaginatorWalksAllPages() {
        SesClient region = inlet.ses("eu-south-2");
        List<String> addresses = new ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            String address = "p" + i + "@example.com";
            region.verifyEmailIdentity(b -> b.emailAddress(address));
            addresses.add(address);
        }
        region.verifyDomainIdentity(b -> b.domain("paged.example"));

        assertThat(region.listIdentitiesPaginator(b -> b.maxItems(2)).identities())
                .containsExactlyInAnyOrderElementsOf(concat(addresses, List.of("paged.example")));
        assertThat(region.listIdentitiesPaginator(b -> b.maxItems(3).identityType(IdentityType.EMAIL_ADDRESS)).stream()
                .map(p -> p.identities().size()).toList()).containsExactly(3, 3, 1);
        assertThat(region.listIdentitiesPaginator(b -> b.maxItems(3).identityType(IdentityType.EMAIL_ADDRESS)).identities())
                .containsExactlyInAnyOrderElementsOf(addresses);
    }

    @Test
    void anUnknownIdentityTypeIsAValidationError() {
        assertValidationError(() -> ses.listIdentities(b -> b.identityType("Unknown")),
                "1 validation error detected: Value 'Unknown' at 'identityType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [Domain, EmailAddress]");
    }

    @Test
    void malformedInputsAreClientErrors() {
        // SES's texts for these are not recorded in the docs; the codes follow §6.4 and §6.7
        SesErrors.assertSesErrorCode(() -> ses.verifyEmailIdentity(b -> b.emailAddress("not-an-address")),
                software.amazon.awssdk.services.ses.model.SesException.class, "InvalidParameterValue");
        SesErrors.assertSesErrorCode(() -> ses.verifyDomainIdentity(b -> b.domain("not a domain")),
                software.amazon.awssdk.services.ses.model.SesException.class, "InvalidParameterValue");
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("a" + i + "@example.com");
        }
        SesErrors.assertSesErrorCode(() -> ses.getIdentityVerificationAttributes(b -> b.identities(tooMany)),
                software.amazon.awssdk.services.ses.model.SesException.class, "ValidationError");
        SesErrors.assertSesErrorCode(() -> ses.listIdentities(b -> b.maxItems(0)),
                software.amazon.awssdk.services.ses.model.SesException.class, "ValidationError");
        SesErrors.assertSesErrorCode(() -> ses.listIdentities(b -> b.maxItems(1001)),
                software.amazon.awssdk.services.ses.model.SesException.class, "ValidationError");
        assertThat(identities(ses, IdentityType.EMAIL_ADDRESS)).doesNotContain("not-an-address");
    }

    @Test
    void aHundredIdentitiesMayBeAskedAtOnce() {
        List<String> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add("h" + i + "@unknown.example");
        }
        assertThat(ses.getIdentityVerificationAttributes(b -> b.identities(hundred)).verificationAttributes()).isEmpty();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}

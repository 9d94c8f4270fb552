package io.inlet.config.identity;

import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * dns verification mode end to end: the real dnsjava checker asks a loopback DNS server for
 * {@code _amazonses.<domain>} TXT (SES-RECEIVING.md §7.1).
 */
class DnsVerificationTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");

    @TempDir
    Path dir;
    SqliteStore store;
    LoopbackDnsServer dns;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    IdentitySettings settings = IdentitySettings.of(VerificationMode.DNS);
    DomainVerificationChecker checker;
    ApiCalls api;

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(dir);
        dns = new LoopbackDnsServer();
        checker = new DnsDomainVerificationChecker(dns.resolver(Duration.ofMillis(300)));
        api = new ApiCalls(new IdentityOperations(store, settings, checker, clock).operations());
    }

    @AfterEach
    void close() throws Exception {
        dns.close();
        store.close();
    }

    private String status(String identity) {
        return api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", identity)
                .map("VerificationAttributes").get(identity).get("VerificationStatus");
    }

    @Test
    void domainIsPendingUntilTheTxtRecordAppears() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        assertThat(status("example.com")).isEqualTo("Pending");
        assertThat(dns.queries()).isPositive(); // the read asked DNS

        dns.addTxt("_amazonses.example.com", token);
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", "example.com")
                .map("VerificationAttributes").get("example.com"))
                .containsEntry("VerificationStatus", "Success").containsEntry("VerificationToken", token);
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "user@example.com")).isTrue();

        // Success is final: no more lookups for it.
        int before = dns.queries();
        assertThat(status("example.com")).isEqualTo("Success");
        assertThat(dns.queries()).isEqualTo(before);
    }

    @Test
    void theAmazonsesPrefixAndTheBareDomainAreAccepted() {
        String a = api.call(EAST, "VerifyDomainIdentity", "Domain", "a.example").text("VerificationToken");
        String b = api.call(EAST, "VerifyDomainIdentity", "Domain", "b.example").text("VerificationToken");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "c.example");
        dns.addTxt("_amazonses.a.example", "amazonses:" + a);
        dns.addTxt("b.example", "v=spf1 -all");
        dns.addTxt("b.example", b);
        dns.addTxt("_amazonses.c.example", "some-other-token");
        assertThat(status("a.example")).isEqualTo("Success");
        assertThat(status("b.example")).isEqualTo("Success");
        assertThat(status("c.example")).isEqualTo("Pending");
    }

    @Test
    void aRecordForAnotherScopesTokenDoesNotVerify() {
        Scope west = new Scope("123456789012", "us-west-2");
        String eastToken = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        api.call(west, "VerifyDomainIdentity", "Domain", "example.com");
        dns.addTxt("_amazonses.example.com", eastToken);
        assertThat(status("example.com")).isEqualTo("Success");
        assertThat(api.call(west, "GetIdentityVerificationAttributes", "Identities.member.1", "example.com")
                .map("VerificationAttributes").get("example.com")).containsEntry("VerificationStatus", "Pending");
    }

    @Test
    void pendingFor72HoursFailsAndVerifyingAgainRestartsWithTheSameToken() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        clock.advance(Duration.ofHours(72));
        assertThat(status("example.com")).isEqualTo("Pending"); // exactly 72 h is still within the window
        clock.advance(Duration.ofSeconds(1));
        assertThat(status("example.com")).isEqualTo("Failed");

        // A record that shows up late does not revive a Failed domain...
        dns.addTxt("_amazonses.example.com", token);
        assertThat(status("example.com")).isEqualTo("Failed");
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "example.com")).isFalse();
        // ...a new VerifyDomainIdentity does: same token, fresh 72 hours.
        assertThat(api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken"))
                .isEqualTo(token);
        assertThat(status("example.com")).isEqualTo("Success");
    }

    @Test
    void dnsFailuresLeaveTheDomainPending() {
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        dns.fail(LoopbackDnsServer.Failure.SERVFAIL);
        assertThat(status("example.com")).isEqualTo("Pending");
        assertThat(checker.check("example.com", "x")).isEqualTo(DomainVerificationChecker.Outcome.UNAVAILABLE);
        dns.fail(LoopbackDnsServer.Failure.DROP);
        assertThat(status("example.com")).isEqualTo("Pending");
        assertThat(checker.check("example.com", "x")).isEqualTo(DomainVerificationChecker.Outcome.UNAVAILABLE);
        dns.fail(LoopbackDnsServer.Failure.NONE);
        assertThat(checker.check("example.com", "x")).isEqualTo(DomainVerificationChecker.Outcome.NOT_FOUND);
    }

    @Test
    void aReadWaitsForADeadResolverAboutOneTimeoutNotOncePerDomain() {
        IdentitySettings quick = new IdentitySettings(VerificationMode.DNS, null, null, null, Duration.ofMillis(300));
        ApiCalls quickApi = new ApiCalls(new IdentityOperations(store, quick, checker, clock).operations());
        String[] params = new String[20];
        for (int i = 0; i < 10; i++) {
            quickApi.call(EAST, "VerifyDomainIdentity", "Domain", "d" + i + ".example");
            params[2 * i] = "Identities.member." + (i + 1);
            params[2 * i + 1] = "d" + i + ".example";
        }
        dns.fail(LoopbackDnsServer.Failure.DROP);
        long start = System.nanoTime();
        var attrs = quickApi.call(EAST, "GetIdentityVerificationAttributes", params).map("VerificationAttributes");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(attrs).hasSize(10).allSatisfy((k, v) -> assertThat(v).containsEntry("VerificationStatus", "Pending"));
        // Unbounded it would be 10 domains x 2 names x 300 ms = 6 s.
        assertThat(took).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void emailAddressesArePendingInDnsModeAndFailUnconfirmedAfter24Hours() {
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        clock.advance(Duration.ofHours(23));
        assertThat(status("user@example.com")).isEqualTo("Pending");
        clock.advance(Duration.ofHours(2));
        assertThat(status("user@example.com")).isEqualTo("Failed");
        assertThat(api.call(EAST, "ListVerifiedEmailAddresses").list("VerifiedEmailAddresses")).isEmpty();
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).containsExactly("user@example.com");
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "user@example.com")).isFalse();
    }

    @Test
    void listIdentitiesAlsoChecksPendingDomains() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        dns.addTxt("_amazonses.example.com", token);
        assertThat(api.call(EAST, "ListIdentities").list("Identities")).containsExactly("example.com");
        String stored = store.read(tx -> tx.identity(EAST, "example.com")).orElseThrow().status();
        assertThat(stored).isEqualTo("Success");
    }

    @Test
    void pollerVerifiesAndFailsInTheBackground() {
        String ok = api.call(EAST, "VerifyDomainIdentity", "Domain", "ok.example").text("VerificationToken");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "late.example");
        Scope other = new Scope("999999999999", "eu-west-1");
        String otherToken = api.call(other, "VerifyDomainIdentity", "Domain", "other.example").text("VerificationToken");
        DomainVerificationPoller poller = new DomainVerificationPoller(store, settings, checker, clock);

        assertThat(poller.pollOnce()).isZero();
        dns.addTxt("_amazonses.ok.example", ok);
        dns.addTxt("_amazonses.other.example", otherToken);
        assertThat(poller.pollOnce()).isEqualTo(2);
        clock.advance(Duration.ofHours(73));
        assertThat(poller.pollOnce()).isEqualTo(1);

        List<String> statuses = store.read(tx -> List.of(
                tx.identity(EAST, "ok.example").orElseThrow().status(),
                tx.identity(EAST, "late.example").orElseThrow().status(),
                tx.identity(other, "other.example").orElseThrow().status()));
        assertThat(statuses).containsExactly("Success", "Failed", "Success");
        assertThat(poller.pollOnce()).isZero();
    }

    @Test
    void startedPollerVerifiesWithoutAnyRead() {
        String token = api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com").text("VerificationToken");
        dns.addTxt("_amazonses.example.com", token);
        IdentitySettings fast = new IdentitySettings(VerificationMode.DNS, null, Duration.ofMillis(50), null, null);
        try (DomainVerificationPoller poller = new DomainVerificationPoller(store, fast, checker, clock)) {
            poller.start();
            poller.start(); // idempotent
            await().atMost(Duration.ofSeconds(5)).until(() ->
                    store.read(tx -> tx.identity(EAST, "example.com")).orElseThrow().status().equals("Success"));
        }
    }

    @Test
    void statusChangesKeepCreationOrder() {
        api.call(EAST, "VerifyDomainIdentity", "Domain", "a.example");
        String b = api.call(EAST, "VerifyDomainIdentity", "Domain", "b.example").text("VerificationToken");
        api.call(EAST, "VerifyDomainIdentity", "Domain", "c.example");
        dns.addTxt("_amazonses.b.example", b);
        new DomainVerificationPoller(store, settings, checker, clock).pollOnce();
        assertThat(api.call(EAST, "ListIdentities").list("Identities"))
                .containsExactly("a.example", "b.example", "c.example");
    }

    @Test
    void switchingToAutoModeVerifiesLeftoverPendingIdentities() {
        api.call(EAST, "VerifyDomainIdentity", "Domain", "example.com");
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.org");
        IdentitySettings auto = IdentitySettings.defaults();
        assertThat(new DomainVerificationPoller(store, auto, checker, clock).pollOnce()).isEqualTo(2);
        List<String> statuses = store.read(tx -> tx.identities(EAST)).stream().map(r -> r.status()).toList();
        assertThat(statuses).containsOnly("Success");
    }
}

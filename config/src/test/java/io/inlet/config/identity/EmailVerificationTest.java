package io.inlet.config.identity;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.spi.OutboundMail;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 6 item 7: the confirmation mail of VerifyEmailIdentity in dns mode, with an injected clock. */
class EmailVerificationTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");

    @TempDir
    Path dir;
    SqliteStore store;
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<Sent> sent = new ArrayList<>();
    EmailVerification verification;

    record Sent(String mailFrom, List<String> recipients, String message) {
    }

    final OutboundMail outbound = new OutboundMail() {
        @Override
        public String enqueue(String mailFrom, List<String> recipients, InputStream message) throws IOException {
            sent.add(new Sent(mailFrom, List.copyOf(recipients), new String(message.readAllBytes(), StandardCharsets.UTF_8)));
            return "Q" + sent.size();
        }
    };

    @BeforeEach
    void open() throws Exception {
        store = SqliteStore.open(dir);
    }

    @AfterEach
    void close() throws Exception {
        store.close();
    }

    private ApiCalls api(IdentitySettings settings) {
        verification = new EmailVerification(store, outbound, "no-reply@mx.example.net", "https://ses.example.net/", clock);
        return new ApiCalls(new IdentityOperations(store, settings, (domain, token) ->
                DomainVerificationChecker.Outcome.NOT_FOUND, clock, verification).operations());
    }

    private static String status(ApiCalls api, String identity) {
        return api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", identity)
                .map("VerificationAttributes").get(identity).get("VerificationStatus");
    }

    private static Map<String, String> query(String link) {
        Map<String, String> out = new HashMap<>();
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String link(String message) {
        Matcher m = Pattern.compile("https://ses\\.example\\.net/_inlet/verify\\?\\S+").matcher(message);
        assertThat(m.find()).as("link in %s", message).isTrue();
        return m.group();
    }

    private EmailVerification.Outcome follow(String link) {
        Map<String, String> q = query(link);
        return verification.confirm(q.get("account"), q.get("region"), q.get("identity"), q.get("token"));
    }

    @Test
    void theConfirmationMailIsSentAndItsLinkVerifiesTheAddress() {
        ApiCalls api = api(IdentitySettings.of(VerificationMode.DNS));
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        assertThat(sent).hasSize(1);
        Sent mail = sent.get(0);
        assertThat(mail.mailFrom()).isEqualTo("no-reply@mx.example.net");
        assertThat(mail.recipients()).containsExactly("user@example.com");
        assertThat(mail.message()).contains("From: no-reply@mx.example.net\r\n", "To: user@example.com\r\n",
                "Subject: Inlet - Email Address Verification Request in region us-east-1\r\n");
        assertThat(status(api, "user@example.com")).isEqualTo("Pending");
        // No token is returned for addresses.
        assertThat(api.call(EAST, "GetIdentityVerificationAttributes", "Identities.member.1", "user@example.com")
                .map("VerificationAttributes").get("user@example.com")).doesNotContainKey("VerificationToken");

        String link = link(mail.message());
        Map<String, String> q = query(link);
        assertThat(q).containsEntry("account", "123456789012").containsEntry("region", "us-east-1")
                .containsEntry("identity", "user@example.com");
        assertThat(verification.confirm("123456789012", "us-east-1", "user@example.com", q.get("token") + "x"))
                .isEqualTo(EmailVerification.Outcome.INVALID);
        assertThat(verification.confirm("123456789012", "us-west-2", "user@example.com", q.get("token")))
                .isEqualTo(EmailVerification.Outcome.INVALID);
        assertThat(status(api, "user@example.com")).isEqualTo("Pending");

        clock.advance(Duration.ofHours(23));
        assertThat(follow(link)).isEqualTo(EmailVerification.Outcome.CONFIRMED);
        assertThat(status(api, "user@example.com")).isEqualTo("Success");
        assertThat(new StoreVerifiedIdentities(store).isVerified(EAST, "user@example.com")).isTrue();
        assertThat(follow(link)).isEqualTo(EmailVerification.Outcome.ALREADY_VERIFIED);
        // Verifying a verified address sends nothing.
        api.call(EAST, "VerifyEmailAddress", "EmailAddress", "user@example.com");
        assertThat(sent).hasSize(1);
    }

    @Test
    void anExpiredLinkIsRefusedAndTheAddressFails() {
        ApiCalls api = api(IdentitySettings.of(VerificationMode.DNS));
        api.call(EAST, "VerifyEmailAddress", "EmailAddress", "user@example.com");
        String link = link(sent.get(0).message());
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        assertThat(follow(link)).isEqualTo(EmailVerification.Outcome.EXPIRED);
        assertThat(status(api, "user@example.com")).isEqualTo("Failed");
        assertThat(follow(link)).isEqualTo(EmailVerification.Outcome.EXPIRED);

        // Verifying again starts over: a new link, valid for another 24 hours; the old one is dead.
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        assertThat(sent).hasSize(2);
        String second = link(sent.get(1).message());
        assertThat(second).isNotEqualTo(link);
        assertThat(status(api, "user@example.com")).isEqualTo("Pending");
        assertThat(follow(link)).isEqualTo(EmailVerification.Outcome.INVALID);
        assertThat(follow(second)).isEqualTo(EmailVerification.Outcome.CONFIRMED);
        assertThat(status(api, "user@example.com")).isEqualTo("Success");
    }

    @Test
    void verifyingAPendingAddressAgainResendsTheSameLink() {
        ApiCalls api = api(IdentitySettings.of(VerificationMode.DNS));
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        clock.advance(Duration.ofHours(1));
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        assertThat(sent).hasSize(2);
        assertThat(link(sent.get(1).message())).isEqualTo(link(sent.get(0).message()));
    }

    @Test
    void autoModeVerifiesAtOnceWithoutMail() {
        ApiCalls api = api(IdentitySettings.defaults());
        api.call(EAST, "VerifyEmailIdentity", "EmailAddress", "user@example.com");
        assertThat(sent).isEmpty();
        assertThat(status(api, "user@example.com")).isEqualTo("Success");
        IdentityRecord record = store.read(tx -> tx.identity(EAST, "user@example.com")).orElseThrow();
        assertThat(record.verificationToken()).isNull();
    }

    @Test
    void unknownOrMalformedLinksAreRefused() {
        api(IdentitySettings.of(VerificationMode.DNS));
        assertThat(verification.confirm("123456789012", "us-east-1", "nobody@example.com", "abc"))
                .isEqualTo(EmailVerification.Outcome.INVALID);
        assertThat(verification.confirm("123456789012", "us-east-1", "not an address", "abc"))
                .isEqualTo(EmailVerification.Outcome.INVALID);
        assertThat(verification.confirm(null, null, null, null)).isEqualTo(EmailVerification.Outcome.INVALID);
    }
}

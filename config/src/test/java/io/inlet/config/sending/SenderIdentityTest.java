package io.inlet.config.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.config.api.SesException;
import io.inlet.config.identity.dkim.DkimKey;
import io.inlet.config.identity.dkim.DkimSettings;
import io.inlet.config.identity.mailfrom.MailFromSettings;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import org.apache.james.jdkim.DKIMVerifier;
import org.apache.james.jdkim.api.SignatureRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Sent mail uses the identity's custom MAIL FROM and Easy DKIM key (issue 6 items 1 and 3, outbound side). */
class SenderIdentityTest {
    static final Scope EAST = new Scope("111122223333", "us-east-1");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    SqliteStore store;
    SendingFixture f;
    DkimKey key;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        f = new SendingFixture(store, new SendingSettings(-1, 1000), Instant.parse("2026-03-01T10:00:00Z"));
        f.verify(EAST, "example.com");
        f.verify(EAST, "solo@example.com");
        key = DkimKey.generate();
    }

    @AfterEach
    void close() {
        store.close();
    }

    void attribute(String identity, String name, Object value) {
        store.write(tx -> {
            tx.putIdentityAttribute(EAST, identity, name, JSON.writeValueAsString(value));
            return null;
        });
    }

    void dkim(Boolean enabled, String status) {
        attribute("example.com", DkimSettings.ATTRIBUTE, new DkimSettings(enabled, status, 0L,
                List.of(key, DkimKey.generate(), DkimKey.generate())));
    }

    String sendFrom(String source) {
        f.outbound.queued.clear();
        String xml = f.call(EAST, "SendEmail", "Source", source, "ReturnPath", "bounces@example.com",
                "Destination.ToAddresses.member.1", "to@dest.test", "Message.Subject.Data", "signed?",
                "Message.Body.Text.Data", "body");
        return SendingFixture.between(xml, "MessageId");
    }

    String queued() {
        return f.outbound.queued.get(0).message();
    }

    List<SignatureRecord> verify(String message) throws Exception {
        DKIMVerifier verifier = new DKIMVerifier((method, selector, domain) -> {
            assertThat(selector.toString()).isEqualTo(key.token());
            assertThat(domain.toString()).isEqualTo("example.com");
            return List.of(key.txtValue());
        });
        return verifier.verify(new ByteArrayInputStream(message.getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** jDKIM reports a failed signature by an exception or by an empty result, depending on the failure. */
    List<SignatureRecord> verifiedOrNone(String message) {
        try {
            List<SignatureRecord> ok = verify(message);
            return ok == null ? List.of() : ok;
        } catch (Exception e) {
            return List.of();
        }
    }

    @Test
    void mailFromAVerifiedDkimDomainIsSignedAndVerifies() throws Exception {
        dkim(null, "Success");
        sendFrom("sender@example.com");
        assertThat(queued()).startsWith("DKIM-Signature: ").contains("\td=example.com;", "\ts=" + key.token() + ";",
                "\tc=relaxed/relaxed;", " a=rsa-sha256;");
        // Folded at its tags: no line of the header block is longer than 998 characters (RFC 5322).
        String head = queued().substring(0, queued().indexOf("\r\n\r\n"));
        assertThat(head.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(998));
        assertThat(head).contains(";\r\n\t");
        assertThat(verify(queued())).hasSize(1);

        f.outbound.queued.clear();
        f.call(EAST, "SendRawEmail", "RawMessage.Data", SendingOperationsTest.raw(
                "From: sender@example.com\nTo: a@dest.test\nSubject: raw\n\nraw body\n"));
        assertThat(verify(queued())).hasSize(1);
        // A changed body no longer verifies: the signature covers it.
        assertThat(queued()).contains("raw body");
        assertThat(verifiedOrNone(queued().replace("raw body", "tampered"))).isEmpty();
    }

    @Test
    void noSignatureWhenDisabledPendingOrDisabledForTheAddress() {
        sendFrom("sender@example.com");
        assertThat(queued()).doesNotContain("DKIM-Signature");
        dkim(null, "Pending");
        sendFrom("sender@example.com");
        assertThat(queued()).doesNotContain("DKIM-Signature");
        dkim(false, "Success");
        sendFrom("sender@example.com");
        assertThat(queued()).doesNotContain("DKIM-Signature");

        dkim(true, "Success");
        attribute("solo@example.com", DkimSettings.ATTRIBUTE, new DkimSettings(false, null, null, null));
        sendFrom("solo@example.com");
        assertThat(queued()).doesNotContain("DKIM-Signature");
        sendFrom("other@example.com");
        assertThat(queued()).startsWith("DKIM-Signature");
    }

    @Test
    void aVerifiedCustomMailFromDomainIsTheEnvelopeSender() {
        attribute("example.com", MailFromSettings.ATTRIBUTE,
                new MailFromSettings("mail.example.com", MailFromSettings.USE_DEFAULT_VALUE, "Success", 0L));
        String id = sendFrom("sender@example.com");
        assertThat(f.outbound.queued.get(0).mailFrom()).isEqualTo(id + "@mail.example.com");
        // The address identity's own setting wins over its domain's.
        attribute("solo@example.com", MailFromSettings.ATTRIBUTE,
                new MailFromSettings("bounce.example.com", MailFromSettings.USE_DEFAULT_VALUE, "Success", 0L));
        String solo = sendFrom("solo@example.com");
        assertThat(f.outbound.queued.get(0).mailFrom()).isEqualTo(solo + "@bounce.example.com");
    }

    @Test
    void anUnverifiedMailFromDomainFallsBackOrRejectsAsConfigured() {
        attribute("example.com", MailFromSettings.ATTRIBUTE,
                new MailFromSettings("mail.example.com", MailFromSettings.USE_DEFAULT_VALUE, "Failed", 0L));
        sendFrom("sender@example.com");
        assertThat(f.outbound.queued.get(0).mailFrom()).isEqualTo("bounces@example.com");

        attribute("example.com", MailFromSettings.ATTRIBUTE,
                new MailFromSettings("mail.example.com", MailFromSettings.REJECT_MESSAGE, "Pending", 0L));
        f.outbound.queued.clear();
        SesException e = f.error(EAST, "SendEmail", "Source", "sender@example.com",
                "Destination.ToAddresses.member.1", "to@dest.test", "Message.Subject.Data", "s", "Message.Body.Text.Data", "b");
        assertThat(e.code()).isEqualTo("MailFromDomainNotVerifiedException");
        assertThat(e.getMessage()).contains("mail.example.com");
        assertThat(f.outbound.queued).isEmpty();
        // Only the earlier message (sent with the default MAIL FROM) counts.
        assertThat(SendingFixture.between(f.call(EAST, "GetSendQuota"), "SentLast24Hours")).isEqualTo("1.0");
    }
}

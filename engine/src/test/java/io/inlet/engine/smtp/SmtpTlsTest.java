package io.inlet.engine.smtp;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.testing.TestCertificates;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** STARTTLS, TlsPolicy Require, and a real SMTP client (Angus Mail) with and without TLS. */
class SmtpTlsTest {

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    /** Configured with the PEM files (the keystore variant runs in SmtpConversationTest). */
    static TestMx mx;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(dir);
        mx = TestMx.start(dir.resolve("spool"),
                s -> s.tls(TlsCredentials.pem(certificates.certificatePem, certificates.privateKeyPem)));
    }

    @AfterAll
    static void stop() {
        mx.close();
    }

    @Test
    void startTlsNegotiatesTls13ResetsTheSessionAndStopsOfferingItself() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            SSLSocket tls = client.startTls(certificates.clientContext());
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
            // RFC 3207 §4.2: the earlier EHLO is forgotten
            assertThat(client.command("MAIL FROM:<s@client.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
            assertThat(client.ehlo("client.test")).contains("250-PIPELINING").doesNotContain("250-STARTTLS");
            assertThat(client.command("STARTTLS")).isEqualTo("554 5.5.1 Error: TLS already active");
        }
    }

    @Test
    void plaintextPipelinedAfterStartTlsIsDiscarded() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            client.write("STARTTLS\r\nEHLO evil.test\r\nMAIL FROM:<evil@evil.test>\r\n");
            assertThat(client.reply()).isEqualTo("220 2.0.0 Ready to start TLS");
            SSLSocket tls = client.handshake(certificates.clientContext());
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.3");
            // had the injected EHLO/MAIL run inside TLS, this would be "nested MAIL"
            assertThat(client.command("MAIL FROM:<s@client.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
        }
    }

    @Test
    void tlsRequiredRecipientIsAcceptedOverTlsAndTheMetadataNamesTheCipher() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            assertThat(client.command("RCPT TO:<ops@secure.example.com>")).isEqualTo("550 5.7.1 TLS required by recipient");
            client.command("RSET");
            SSLSocket tls = client.startTls(certificates.clientContext());
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            assertThat(client.command("RCPT TO:<ops@secure.example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("secure") + ".\r\n");
            Envelope envelope = mx.metadata(TestMx.messageId(client.reply())).envelope();
            assertThat(envelope.tlsProtocol()).isEqualTo("TLSv1.3");
            assertThat(envelope.tlsCipher()).isEqualTo(tls.getSession().getCipherSuite()).startsWith("TLS_");
            assertThat(envelope.recipients()).containsExactly("ops@secure.example.com");
        }
    }

    @Test
    void tls12WorksWithAnAeadSuiteAndCbcSuitesAreNotOffered() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            SSLSocket tls = client.startTls(certificates.clientContext("TLSv1.2"));
            assertThat(tls.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(tls.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        }
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            SSLContext tls12 = certificates.clientContext("TLSv1.2");
            assertThatThrownBy(() -> client.startTls(tls12, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"))
                    .isInstanceOf(javax.net.ssl.SSLException.class);
        }
    }

    @Test
    void aRealClientDeliversWithStartTls() throws Exception {
        String reply = sendWithAngus(true);
        Envelope envelope = mx.metadata(TestMx.messageId(reply)).envelope();
        assertThat(envelope.tlsProtocol()).isEqualTo("TLSv1.3");
        assertThat(envelope.recipients()).containsExactly("bob@example.com", "ops@secure.example.com");
        assertThat(envelope.helo()).isEqualTo("angus.client.test");
    }

    @Test
    void aRealClientDeliversInPlainText() throws Exception {
        String reply = sendWithAngus(false);
        String id = TestMx.messageId(reply);
        Envelope envelope = mx.metadata(id).envelope();
        assertThat(envelope.tls()).isFalse();
        assertThat(envelope.recipients()).containsExactly("bob@example.com");
        assertThat(mx.body(id)).contains("Subject: from angus", "\r\n.leading dot\r\n");
    }

    @Test
    void pemFilesThatAreNotPkcs8AreRefusedWithAHint() throws Exception {
        Path pkcs1 = dir.resolve("rsa.key.pem");
        Files.writeString(pkcs1, TestCertificates.pem("RSA PRIVATE KEY", new byte[] {1, 2, 3}));
        assertThatThrownBy(() -> TlsContexts.create(TlsCredentials.pem(certificates.certificatePem, pkcs1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("openssl pkcs8 -topk8 -nocrypt");
        assertThatThrownBy(() -> TlsContexts.create(TlsCredentials.pkcs12(certificates.pkcs12, "wrong")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    /** Angus Mail against the listener; returns the server's reply to the message. */
    private static String sendWithAngus(boolean startTls) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mx.port()));
        properties.put("mail.smtp.localhost", "angus.client.test"); // no local host name lookup
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "10000");
        properties.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        properties.put("mail.smtp.starttls.required", String.valueOf(startTls));
        properties.put("mail.smtp.ssl.socketFactory", certificates.clientContext().getSocketFactory());
        properties.put("mail.smtp.ssl.checkserveridentity", "true");
        jakarta.mail.Session session = jakarta.mail.Session.getInstance(properties);
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@client.test"));
        message.setRecipients(Message.RecipientType.TO, startTls ? "bob@example.com, ops@secure.example.com" : "bob@example.com");
        message.setSubject("from angus");
        message.setText("Hello over " + (startTls ? "TLS" : "plain text") + ".\n.leading dot\n");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            return transport.getLastServerResponse().trim();
        } catch (MessagingException e) {
            throw new AssertionError("delivery failed", e);
        }
    }
}

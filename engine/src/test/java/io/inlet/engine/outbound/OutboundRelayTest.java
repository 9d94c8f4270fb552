package io.inlet.engine.outbound;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.inlet.engine.testing.TestCertificates;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;

import static io.inlet.engine.outbound.OutboundFixtures.await;
import static io.inlet.engine.outbound.OutboundFixtures.awaitGone;
import static io.inlet.engine.outbound.OutboundFixtures.awaitState;
import static io.inlet.engine.outbound.OutboundFixtures.enqueue;
import static io.inlet.engine.outbound.OutboundFixtures.open;
import static io.inlet.engine.outbound.OutboundFixtures.relay;
import static org.assertj.core.api.Assertions.assertThat;

/** Delivery through a smarthost: GreenMail (AUTH, no STARTTLS) and SubEtha (exact bytes, STARTTLS). */
class OutboundRelayTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("relay@inlet.test", "relayuser", "s3cret"));

    private static SSLContext tls;

    @TempDir
    Path dir;

    @BeforeAll
    static void certificate(@TempDir Path certs) throws Exception {
        tls = TestCertificates.create(certs).serverContext();
    }

    private int greenMailPort() {
        return GREENMAIL.getSmtp().getPort();
    }

    @Test
    void deliversToTheRelay() throws Exception {
        try (OutboundQueue queue = open(relay(greenMailPort()).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "bounces@inlet.test", "postmaster@example.test");

            awaitGone(queue, id);
            assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
            MimeMessage received = GREENMAIL.getReceivedMessages()[0];
            assertThat(received.getHeader("Return-Path")).containsExactly("<bounces@inlet.test>");
            assertThat(received.getAllRecipients()).extracting(Object::toString)
                    .containsExactly("someone@example.test"); // the To header; the envelope is below
            assertThat(GREENMAIL.getReceivedMessagesForDomain("example.test")).hasSize(1);
            String body = OutboundFixtures.MESSAGE.substring(OutboundFixtures.MESSAGE.indexOf("\r\n\r\n") + 4);
            // GreenMail stores lines, so the CRLF before the final dot is not part of its body
            assertThat(GreenMailUtil.getBody(received)).isEqualTo(body.substring(0, body.length() - 2));
        }
    }

    // GreenMail 2.1.13 answers "MAIL FROM:<>" with 250 but then refuses RCPT with "503 MAIL must come
    // before RCPT", so the null sender is checked against SubEtha (sendsTheExactBytesWithTheEnvelope).

    @Test
    void authenticatesWithPlainOrLogin() throws Exception {
        try (OutboundQueue queue = open(relay(greenMailPort()).relayUsername("relayuser").relayPassword("s3cret")
                .build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            awaitGone(queue, id);
            assertThat(GREENMAIL.getReceivedMessages()).hasSize(1);
            assertThat(GREENMAIL.getReceivedMessages()[0].getHeader("Return-Path")).containsExactly("<sender@inlet.test>");
        }
    }

    @Test
    void wrongPasswordDefers() throws Exception {
        try (OutboundQueue queue = open(relay(greenMailPort()).relayUsername("relayuser").relayPassword("wrong")
                .build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            OutboundEntry entry = awaitState(queue, id, OutboundState.DEFERRED);
            assertThat(entry.lastReply()).contains("535");
            assertThat(entry.recipients()).singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(RecipientStatus.PENDING));
            assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void requiredStartTlsAgainstAServerWithoutItDefers() throws Exception {
        try (OutboundQueue queue = open(relay(greenMailPort()).relayStarttls(StartTlsPolicy.REQUIRED).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            OutboundEntry entry = awaitState(queue, id, OutboundState.DEFERRED);
            assertThat(entry.lastReply()).contains("STARTTLS");
            assertThat(entry.attempts()).isEqualTo(1);
            assertThat(GREENMAIL.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void sendsTheExactBytesWithTheEnvelope() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start();
             OutboundQueue queue = open(relay(server.port()).relayStarttls(StartTlsPolicy.OFF).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "", "a@one.test", "b@two.test");

            awaitGone(queue, id);
            // the relay takes every recipient in one transaction, whatever the domains
            assertThat(server.transactions()).singleElement().satisfies(t -> {
                assertThat(t.mailFrom()).isEmpty();
                assertThat(t.recipients()).containsExactly("a@one.test", "b@two.test");
                assertThat(t.data()).isEqualTo(OutboundFixtures.bytes());
                assertThat(t.tls()).isFalse();
            });
        }
    }

    @Test
    void requiredStartTlsWithTrustAllDeliversOverTls() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.startTls(tls);
             OutboundQueue queue = open(relay(server.port()).relayStarttls(StartTlsPolicy.REQUIRED).tlsTrustAll(true)
                     .build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            awaitGone(queue, id);
            assertThat(server.transactions()).singleElement().satisfies(t -> {
                assertThat(t.tls()).isTrue();
                assertThat(t.data()).isEqualTo(OutboundFixtures.bytes());
            });
        }
    }

    @Test
    void verifiesTheRelayCertificateByDefault() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.startTls(tls);
             OutboundQueue queue = open(relay(server.port()).relayStarttls(StartTlsPolicy.REQUIRED).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            OutboundEntry entry = awaitState(queue, id, OutboundState.DEFERRED);
            assertThat(entry.lastReply()).containsIgnoringCase("certificat");
            assertThat(server.transactions()).isEmpty();
        }
    }

    @Test
    void opportunisticStartTlsUsesTlsWhenOffered() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.startTls(tls);
             OutboundQueue queue = open(relay(server.port()).tlsTrustAll(true).build(), dir)) {
            queue.start();
            String id = enqueue(queue, "sender@inlet.test", "someone@example.test");

            awaitGone(queue, id);
            await().until(() -> server.transactions().size() == 1);
            assertThat(server.transactions().get(0).tls()).isTrue();
        }
    }
}

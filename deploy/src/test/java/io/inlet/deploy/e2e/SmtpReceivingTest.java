package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.eclipse.angus.mail.smtp.SMTPTransport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The SMTP conversation of SES-RECEIVING.md Part 1, row by row, against the real daemon
 * configured through the SES API: greeting and EHLO, IP filters (any Allow wins), matching
 * (address, +label, domain, .subdomain, no recipients, case, disabled rules, no active set), TLS
 * required (raw client and Angus Mail over STARTTLS), recipient limit, DATA without recipients,
 * the size limit while streaming and at MAIL, bare line breaks and smuggling, the 250 reply.
 */
class SmtpReceivingTest {

    static final int MAX_SIZE = 1024 * 1024;
    static final String MAIN = "main";
    static final String CATCH_ALL = "catch-all";
    static final String REFUSED = "550 5.1.1 Requested action not taken: mailbox unavailable";
    static final String RECIPIENT_OK = "250 2.1.5 Ok";

    @TempDir
    static Path dir;
    static RunningInlet daemon;
    static TestKeystore keystore;
    static ReceivingSetup setup;

    @BeforeAll
    static void start() throws Exception {
        keystore = TestKeystore.create(dir);
        daemon = RunningInlet.start(dir.resolve("data"), Map.of(
                "smtp.max-recipients", "3",
                "smtp.max-message-size", "1MB",
                "smtp.tls.keystore", keystore.file.toString(),
                "smtp.tls.keystore-password", TestKeystore.PASSWORD));
        setup = ReceivingSetup.of(daemon)
                .domains("match.test", "whole.test", "parent.test")
                .ruleSet(MAIN)
                .rule(rule("address", List.of("user@match.test")))
                .rule(rule("label", List.of("only+tag@match.test")))
                .rule(rule("mixed-case", List.of("Mixed.Case@Match.TEST")))
                .rule(rule("domain", List.of("whole.test")))
                .rule(rule("subdomain", List.of(".parent.test")))
                .rule(ReceiptRule.builder().name("disabled").enabled(false).recipients("disabled@match.test").build())
                .rule(rule("tls", TlsPolicy.REQUIRE, List.of("secure@match.test")))
                .rule(rule("unverified", List.of("someone@unverified.test", "unverified.test")))
                // 127.0.0.2 and 127.0.0.3 are blocked, 127.0.0.2 also allowed: the Allow wins
                .filter("block-pair", "127.0.0.2/31", ReceiptFilterPolicy.BLOCK)
                .filter("allow-one", "127.0.0.2/32", ReceiptFilterPolicy.ALLOW)
                .activate()
                .ruleSet(CATCH_ALL)
                .rule(rule("everything", List.of()))
                .activate(MAIN)
                .live();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    // --- greeting and EHLO -------------------------------------------------------------------

    @Test
    void greetsWithTheConfiguredHostnameAndAdvertisesTheExtensions() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            assertThat(client.greeting()).isEqualTo("220 mx.inlet.test ESMTP");
            assertThat(client.ehlo("client.test")).containsExactly(
                    "250-mx.inlet.test",
                    "250-PIPELINING",
                    "250-SIZE " + MAX_SIZE,
                    "250-STARTTLS",
                    "250-ENHANCEDSTATUSCODES",
                    "250-8BITMIME",
                    "250 SMTPUTF8");
        }
    }

    // --- IP filters --------------------------------------------------------------------------

    @Test
    void blockedClientIsRefusedAtEachRcpt() throws Exception {
        try (SmtpClient client = SmtpClient.connect(daemon.smtpPort(), "127.0.0.3")) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<s@client.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<user@match.test>")).isEqualTo("550 5.7.1 IP address blacklisted by recipient");
            assertThat(client.command("RCPT TO:<anyone@whole.test>")).isEqualTo("550 5.7.1 IP address blacklisted by recipient");
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
        }
    }

    @Test
    void anyMatchingAllowWinsOverAMatchingBlock() throws Exception {
        try (SmtpClient client = SmtpClient.connect(daemon.smtpPort(), "127.0.0.2")) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.send("s@client.test", List.of("user@match.test"), message("user@match.test")))
                    .hasSize(40);
        }
    }

    // --- matching ----------------------------------------------------------------------------

    @Test
    void recipientConditionsMatchAsSesDoes() throws Exception {
        assertThat(rcpt(
                "user@match.test",            // address
                "user+anything@match.test",   // address matches its +label forms
                "USER@Match.Test",            // case-insensitive
                "only+tag@match.test",        // a +label condition matches itself
                "mixed.case@match.test",      // condition written in mixed case
                "anyone@whole.test",          // domain
                "a@mx.parent.test",           // .subdomain
                "a@deep.mx.parent.test"))
                .containsOnly(RECIPIENT_OK);
        assertThat(rcpt(
                "other@match.test",           // no rule
                "only@match.test",            // a +label condition does not match the bare address
                "only+other@match.test",
                "user@sub.match.test",        // an address condition is not a domain
                "x@sub.whole.test",           // a domain condition does not cover subdomains
                "a@parent.test",              // .subdomain does not cover the domain itself
                "disabled@match.test",        // only a disabled rule matches
                "someone@unverified.test",    // a rule matches, but the domain is not verified
                "x@unverified.test"))
                .containsOnly(REFUSED);
    }

    @Test
    void ruleWithoutRecipientsTakesEveryVerifiedDomainAndItsSubdomains() throws Exception {
        setup.activate(CATCH_ALL).live();
        try {
            assertThat(rcpt("nobody@match.test", "x@sub.match.test", "y@whole.test", "z@parent.test",
                    "NOBODY@MATCH.TEST")).containsOnly(RECIPIENT_OK);
            assertThat(rcpt("x@unverified.test", "x@match.test.example", "x@notmatch.test")).containsOnly(REFUSED);
        } finally {
            setup.activate(MAIN).live();
        }
    }

    @Test
    void noActiveRuleSetRefusesEveryone() throws Exception {
        setup.activate(null).live();
        try {
            assertThat(rcpt("user@match.test", "anyone@whole.test")).containsOnly(REFUSED);
        } finally {
            setup.activate(MAIN).live();
        }
        assertThat(rcpt("user@match.test")).containsOnly(RECIPIENT_OK);
    }

    // --- TLS ---------------------------------------------------------------------------------

    @Test
    void tlsRequiredRecipientIsRefusedWithoutStartTlsAndAcceptedWithIt() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            assertThat(client.command("RCPT TO:<secure@match.test>")).isEqualTo("550 5.7.1 TLS required by recipient");
            assertThat(client.command("RCPT TO:<user@match.test>")).isEqualTo(RECIPIENT_OK);
            client.command("RSET");
            SSLSocket tls = client.startTls(keystore.clientContext());
            assertThat(tls.getSession().getProtocol()).isIn("TLSv1.2", "TLSv1.3");
            assertThat(client.ehlo("client.test")).doesNotContain("250-STARTTLS");
            assertThat(client.send("s@client.test", List.of("secure@match.test"), message("secure@match.test")))
                    .hasSize(40);
        }
    }

    @Test
    void realClientDeliversToATlsRequiredRecipientOverStartTls() throws Exception {
        Session session = mailSession(keystore.clientContext(), true);
        MimeMessage message = mimeMessage(session, "secure@match.test");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            transport.sendMessage(message, message.getAllRecipients());
            assertThat(transport.getLastServerResponse().trim()).matches(SmtpClient.ACCEPTED.pattern());
        }
    }

    @Test
    void realClientWithoutStartTlsIsRefusedForATlsRequiredRecipient() throws Exception {
        Session session = mailSession(keystore.clientContext(), false);
        MimeMessage message = mimeMessage(session, "secure@match.test");
        try (SMTPTransport transport = (SMTPTransport) session.getTransport("smtp")) {
            transport.connect();
            assertThatThrownBy(() -> transport.sendMessage(message, message.getAllRecipients()))
                    .isInstanceOf(MessagingException.class)
                    .satisfies(e -> assertThat(chain(e)).contains("550 5.7.1 TLS required by recipient"));
        }
    }

    // --- limits and ordering -----------------------------------------------------------------

    @Test
    void recipientsBeyondTheLimitGet452() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            for (String r : List.of("user@match.test", "user+1@match.test", "user+2@match.test")) {
                assertThat(client.command("RCPT TO:<" + r + ">")).isEqualTo(RECIPIENT_OK);
            }
            assertThat(client.command("RCPT TO:<user+3@match.test>")).isEqualTo("452 4.5.3 Too many recipients");
            // the three accepted recipients still get the message
            assertThat(SmtpClient.messageId(client.data(message("user@match.test")))).hasSize(40);
        }
    }

    @Test
    void dataWithoutAnAcceptedRecipientGets503() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            assertThat(client.command("RCPT TO:<nobody@unverified.test>")).isEqualTo(REFUSED);
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
        }
    }

    @Test
    void oversizedStreamGets552AfterTheTerminatorAndTheSessionStaysUsable() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            client.command("RCPT TO:<user@match.test>");
            assertThat(client.command("DATA")).startsWith("354");
            OutputStream out = client.output();
            out.write(headers("user@match.test").getBytes(StandardCharsets.US_ASCII));
            byte[] line = (("x".repeat(76)) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] chunk = new byte[line.length * 1000];
            for (int i = 0; i < 1000; i++) {
                System.arraycopy(line, 0, chunk, i * line.length, line.length);
            }
            long written = 0;
            while (written < 3L * 1024 * 1024) {
                out.write(chunk);
                written += chunk.length;
            }
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(client.reply()).isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            // in sync: the next transaction on the same connection works
            assertThat(client.send("s@client.test", List.of("user@match.test"), message("user@match.test"))).hasSize(40);
        }
    }

    @Test
    void declaredSizeOverTheLimitIsRefusedAtMailEvenWithOtherParameters() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<s@client.test> BODY=8BITMIME SIZE=" + (3 * MAX_SIZE)))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=1000 BODY=8BITMIME")).isEqualTo("250 2.1.0 Ok");
        }
    }

    @Test
    void bareLineFeedIsRefusedAfterDrainingAndTheSessionStaysUsable() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            client.command("RCPT TO:<user@match.test>");
            assertThat(client.data(headers("user@match.test") + "line one\nline two\r\n"))
                    .isEqualTo("550 5.6.11 Bare CR or LF not allowed");
            assertThat(client.send("s@client.test", List.of("user@match.test"), message("user@match.test"))).hasSize(40);
        }
    }

    /** Whatever looks like an end of data to a sloppy parser, the smuggled transaction never runs. */
    @ParameterizedTest
    @ValueSource(strings = {"\n.\r\n", "\n.\n", "\r.\r", "\r\n.\n", "\r.\r\n"})
    void smugglingAttemptsAreRefusedAndTheSmuggledCommandsNeverRun(String fakeEnd) throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            client.command("RCPT TO:<user@match.test>");
            assertThat(client.command("DATA")).startsWith("354");
            client.write(headers("user@match.test") + "body" + fakeEnd
                    + "MAIL FROM:<evil@evil.test>\r\nRCPT TO:<user@match.test>\r\nDATA\r\nSubject: smuggled\r\n\r\nx\r\n.\r\n");
            assertThat(client.reply()).isEqualTo("550 5.6.11 Bare CR or LF not allowed");
            // had the smuggled MAIL/RCPT/DATA run, their replies would come before this one
            assertThat(client.command("NOOP")).startsWith("250");
            assertThat(client.command("QUIT")).startsWith("221");
        }
    }

    @Test
    void acceptedMessageGets250WithItsMessageId() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            client.command("RCPT TO:<user@match.test>");
            client.command("RCPT TO:<anyone@whole.test>");
            String first = client.data(message("user@match.test"));
            assertThat(first).matches("250 2\\.6\\.0 Message received: [0-9a-v]{40}");
            String second = client.send("s@client.test", List.of("a@mx.parent.test"), message("a@mx.parent.test"));
            assertThat(second).isNotEqualTo(SmtpClient.messageId(first));
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    /** One session: EHLO, MAIL, then each RCPT; the RCPT replies in order. */
    private static List<String> rcpt(String... recipients) throws IOException {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            client.command("MAIL FROM:<s@client.test>");
            String[] replies = new String[recipients.length];
            for (int i = 0; i < recipients.length; i++) {
                // one RSET per recipient keeps the recipient limit (3) out of the way
                if (i > 0 && i % 3 == 0) {
                    client.command("RSET");
                    client.command("MAIL FROM:<s@client.test>");
                }
                replies[i] = client.command("RCPT TO:<" + recipients[i] + ">");
            }
            return Arrays.asList(replies);
        }
    }

    static String headers(String to) {
        return "From: Sender <s@client.test>\r\nTo: " + to + "\r\nSubject: e2e\r\n"
                + "Message-ID: <" + System.nanoTime() + "@client.test>\r\n\r\n";
    }

    static String message(String to) {
        return headers(to) + "Hello.\r\n";
    }

    private static Session mailSession(SSLContext context, boolean startTls) {
        Properties p = new Properties();
        p.put("mail.smtp.host", "127.0.0.1");
        p.put("mail.smtp.port", String.valueOf(daemon.smtpPort()));
        p.put("mail.smtp.localhost", "client.test");
        p.put("mail.smtp.connectiontimeout", "20000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        p.put("mail.smtp.starttls.required", String.valueOf(startTls));
        p.put("mail.smtp.ssl.socketFactory", context.getSocketFactory());
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        return Session.getInstance(p);
    }

    private static MimeMessage mimeMessage(Session session, String to) throws MessagingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("sender@client.test"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject("over STARTTLS");
        message.setText("Hello over TLS.\n");
        return message;
    }

    /** The messages of an exception and its causes/next exceptions. */
    private static String chain(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; ) {
            all.append(t.getMessage()).append('\n');
            Throwable next = t instanceof MessagingException m && m.getNextException() != null ? m.getNextException() : t.getCause();
            t = next == t ? null : next;
        }
        return all.toString();
    }
}

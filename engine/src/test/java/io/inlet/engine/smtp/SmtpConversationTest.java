package io.inlet.engine.smtp;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.testing.TestCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The SMTP conversation of SES-RECEIVING.md Part 1, over real sockets, row by row. */
class SmtpConversationTest {

    private static final String BLACKLISTED = "550 5.7.1 IP address blacklisted by recipient";
    private static final String UNAVAILABLE = "550 5.1.1 Requested action not taken: mailbox unavailable";
    private static final String TLS_REQUIRED = "550 5.7.1 TLS required by recipient";

    @TempDir
    static Path dir;
    static TestCertificates certificates;
    static TestMx mx;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.create(dir);
        mx = TestMx.start(dir.resolve("spool"),
                s -> s.tls(TlsCredentials.pkcs12(certificates.pkcs12, TestCertificates.PASSWORD)));
    }

    @AfterAll
    static void stop() {
        mx.close();
    }

    @Test
    void greetsWithTheHostnameAndEsmtp() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            assertThat(client.reply()).isEqualTo("220 " + SmtpFixtures.HOSTNAME + " ESMTP");
        }
    }

    @Test
    void ehloAdvertisesTheSesExtensionsButNotChunking() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            assertThat(client.ehlo("client.test")).containsExactly(
                    "250-" + SmtpFixtures.HOSTNAME,
                    "250-PIPELINING",
                    "250-SIZE 10485760",
                    "250-STARTTLS",
                    "250-ENHANCEDSTATUSCODES",
                    "250-8BITMIME",
                    "250 SMTPUTF8");
        }
    }

    @Test
    void withoutTlsCredentialsStartTlsIsNeitherOfferedNorAccepted() throws Exception {
        try (TestMx plain = TestMx.start(dir.resolve("spool-plain"), s -> { });
             SmtpTestClient client = plain.connect()) {
            client.reply();
            assertThat(client.ehlo("client.test"))
                    .contains("250-PIPELINING", "250-ENHANCEDSTATUSCODES", "250 SMTPUTF8")
                    .noneMatch(line -> line.contains("STARTTLS") || line.contains("CHUNKING"));
            assertThat(client.command("STARTTLS")).isEqualTo("502 5.5.1 Error: command not implemented");
        }
    }

    @Test
    void acceptsAMessageAfterTheSpoolCommitAndStoresItsMetadata() throws Exception {
        String reply;
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<sender@client.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<alice@example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("RCPT TO:<zed@a.sub.example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("RCPT TO:<nobody@elsewhere.test>")).isEqualTo(UNAVAILABLE);
            assertThat(client.command("DATA")).isEqualTo("354 End data with <CR><LF>.<CR><LF>");
            client.write(SmtpFixtures.message("metadata") + ".\r\n");
            reply = client.reply();
            assertThat(client.command("QUIT")).isEqualTo("221 2.0.0 Bye");
        }
        assertThat(reply).matches("250 2\\.6\\.0 Message received: [0-9a-v]{40}");
        String id = TestMx.messageId(reply);
        assertThat(mx.spool.queued()).contains(id);
        // stored exactly as received after dot-unstuffing
        assertThat(mx.body(id)).isEqualTo(SmtpFixtures.message("metadata").replace("\r\n..A", "\r\n.A"));

        AcceptedMessage metadata = mx.metadata(id);
        assertThat(metadata.messageId()).isEqualTo(id);
        assertThat(metadata.snapshotVersion()).isEqualTo(SmtpFixtures.CONFIGURATION_VERSION);
        assertThat(metadata.size()).isEqualTo(mx.body(id).length());
        Envelope envelope = metadata.envelope();
        assertThat(envelope.mailFrom()).isEqualTo("sender@client.test");
        assertThat(envelope.recipients()).containsExactly("alice@example.com", "bob@example.com", "zed@a.sub.example.com");
        assertThat(envelope.helo()).isEqualTo("client.test");
        assertThat(envelope.clientAddress()).isEqualTo("127.0.0.1");
        assertThat(envelope.tls()).isFalse();
        assertThat(envelope.tlsCipher()).isNull();
        assertThat(envelope.receivedBy()).isEqualTo(SmtpFixtures.HOSTNAME);
        assertThat(envelope.receivedAt()).isEqualTo(SmtpFixtures.NOW);

        assertThat(metadata.plans()).hasSize(1);
        TenantPlan plan = metadata.plans().get(0);
        assertThat(plan.accountId()).isEqualTo(SmtpFixtures.ACCOUNT);
        assertThat(plan.region()).isEqualTo(SmtpFixtures.REGION);
        assertThat(plan.ruleSetName()).isEqualTo(SmtpFixtures.RULE_SET);
        assertThat(plan.rules()).extracting(RulePlan::index)
                .containsExactly(SmtpFixtures.DOMAIN, SmtpFixtures.SUBDOMAINS, SmtpFixtures.ALICE);
        assertThat(plan.rules()).extracting(r -> r.rule().name()).containsExactly("domain", "subdomains", "alice");
        assertThat(plan.rules()).extracting(RulePlan::recipients).containsExactly(
                List.of("alice@example.com", "bob@example.com"),
                List.of("zed@a.sub.example.com"),
                List.of("alice@example.com"));
    }

    @Test
    void acceptsTheNullSender() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("bounce") + ".\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(mx.metadata(id).envelope().mailFrom()).isEmpty();
        }
    }

    @ParameterizedTest(name = "RCPT TO:<{0}> → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            bob@example.com                  | 250 2.1.5 Ok
            Bob@EXAMPLE.com                  | 250 2.1.5 Ok
            alice+anything@example.com       | 250 2.1.5 Ok
            ALICE@example.com                | 250 2.1.5 Ok
            x@a.sub.example.com              | 250 2.1.5 Ok
            x@deep.a.SUB.example.com         | 250 2.1.5 Ok
            x@sub.example.com                | 550 5.1.1 Requested action not taken: mailbox unavailable
            carol+news@other.example.com     | 250 2.1.5 Ok
            Carol+News@Other.Example.Com     | 250 2.1.5 Ok
            carol@other.example.com          | 550 5.1.1 Requested action not taken: mailbox unavailable
            carol+other@other.example.com    | 550 5.1.1 Requested action not taken: mailbox unavailable
            x@disabled.example.com           | 550 5.1.1 Requested action not taken: mailbox unavailable
            x@unverified.test                | 550 5.1.1 Requested action not taken: mailbox unavailable
            x@example.com.evil.test          | 550 5.1.1 Requested action not taken: mailbox unavailable
            x@secure.example.com             | 550 5.7.1 TLS required by recipient
            Postmaster                       | 550 5.1.1 Requested action not taken: mailbox unavailable
            """)
    void decidesEachRecipientWithTheSnapshot(String recipient, String expected) throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("sender@client.test");
            assertThat(client.command("RCPT TO:<" + recipient + ">")).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "from {0}: {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.2 | bob@example.com        | 250 2.1.5 Ok
            127.0.0.3 | bob@example.com        | 550 5.7.1 IP address blacklisted by recipient
            127.0.0.3 | x@secure.example.com   | 550 5.7.1 IP address blacklisted by recipient
            127.0.0.3 | x@unverified.test      | 550 5.1.1 Requested action not taken: mailbox unavailable
            127.0.0.4 | bob@example.com        | 250 2.1.5 Ok
            """)
    void appliesTheReceiptFiltersPerRecipientAndAnyAllowWins(String from, String recipient, String expected)
            throws Exception {
        try (SmtpTestClient client = mx.connect(from)) {
            assertThat(client.reply()).startsWith("220 "); // filters act at RCPT, never before the greeting
            client.command("EHLO client.test");
            client.command("MAIL FROM:<sender@client.test>");
            assertThat(client.command("RCPT TO:<" + recipient + ">")).isEqualTo(expected);
        }
    }

    @Test
    void aBlockedClientIsRefusedAtEveryRecipientAndCannotSendData() throws Exception {
        try (SmtpTestClient client = mx.connect("127.0.0.3")) {
            client.envelope("sender@client.test");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo(BLACKLISTED);
            assertThat(client.command("RCPT TO:<alice@example.com>")).isEqualTo(BLACKLISTED);
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
        }
    }

    @Test
    void tlsRequiredRecipientIsRefusedInPlainText() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("sender@client.test");
            assertThat(client.command("RCPT TO:<ops@secure.example.com>")).isEqualTo(TLS_REQUIRED);
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
        }
    }

    @Test
    void the101stRecipientGets452AndTheFirst100AreDelivered() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            client.command("MAIL FROM:<sender@client.test>");
            StringBuilder pipelined = new StringBuilder();
            for (int i = 1; i <= 101; i++) {
                pipelined.append("RCPT TO:<user").append(i).append("@example.com>\r\n");
            }
            client.write(pipelined.toString());
            List<String> replies = client.replies(101);
            assertThat(replies.subList(0, 100)).containsOnly("250 2.1.5 Ok");
            assertThat(replies.get(100)).isEqualTo("452 4.5.3 Too many recipients");
            // a repeated recipient is not a new one
            assertThat(client.command("RCPT TO:<USER1@example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("many") + ".\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(mx.metadata(id).envelope().recipients()).hasSize(100).startsWith("user1@example.com")
                    .endsWith("user100@example.com");
        }
    }

    @Test
    void dataNeedsMailAndAnAcceptedRecipient() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need MAIL command");
            client.command("MAIL FROM:<sender@client.test>");
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(client.command("RCPT TO:<nobody@unverified.test>")).isEqualTo(UNAVAILABLE);
            assertThat(client.command("DATA")).isEqualTo("503 5.5.1 Error: need RCPT command");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("DATA")).startsWith("354 ");
        }
    }

    @Test
    void pipelinedEnvelopeAndDataInOneWrite() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            client.write("MAIL FROM:<sender@client.test>\r\n"
                    + "RCPT TO:<bob@example.com>\r\n"
                    + "RCPT TO:<alice@example.com>\r\n"
                    + "DATA\r\n");
            assertThat(client.replies(4)).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.1.5 Ok",
                    "354 End data with <CR><LF>.<CR><LF>");
            // the end of DATA and the next transaction in one write as well
            client.write(SmtpFixtures.message("pipelined") + ".\r\nMAIL FROM:<other@client.test>\r\nRCPT TO:<bob@example.com>\r\nRSET\r\nNOOP\r\n");
            List<String> replies = client.replies(5);
            assertThat(replies.get(0)).startsWith("250 2.6.0 Message received: ");
            assertThat(replies.subList(1, 5)).containsExactly("250 2.1.0 Ok", "250 2.1.5 Ok", "250 2.0.0 Ok", "250 2.0.0 Ok");
            assertThat(mx.metadata(TestMx.messageId(replies.get(0))).envelope().recipients())
                    .containsExactly("bob@example.com", "alice@example.com");
        }
    }

    @Test
    void declaredSizeIsCheckedAmongOtherMailParameters() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=10485761 BODY=8BITMIME"))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(client.command("MAIL FROM:<s@client.test> BODY=8BITMIME SIZE=99999999999999999999"))
                    .isEqualTo("552 5.3.4 Message size exceeds fixed limit");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=12x BODY=8BITMIME"))
                    .isEqualTo("501 5.5.4 Syntax error in parameters");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE= BODY=8BITMIME"))
                    .isEqualTo("501 5.5.4 Syntax error in parameters");
            assertThat(client.command("MAIL FROM:<s@client.test> RET=HDRS"))
                    .isEqualTo("555 5.5.4 Unsupported option: RET");
            // none of those opened a transaction
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=10485760 BODY=8BITMIME SMTPUTF8"))
                    .isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com> NOTIFY=NEVER"))
                    .isEqualTo("555 5.5.4 Unsupported option: NOTIFY");
        }
    }

    @Test
    void commandSequenceAndSyntaxErrorsKeepTheSessionUsable() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.reply();
            assertThat(client.command("MAIL FROM:<s@client.test>")).isEqualTo("503 5.5.1 Error: send HELO/EHLO first");
            assertThat(client.command("EHLO")).isEqualTo("501 5.5.4 Syntax: EHLO hostname");
            client.command("EHLO client.test");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("503 5.5.1 Error: need MAIL command");
            assertThat(client.command("MAIL FROM:s@client.test")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("MAIL FROM:<s@client.test>")).isEqualTo("503 5.5.1 Error: nested MAIL command");
            assertThat(client.command("RCPT TO:<>")).isEqualTo("501 5.1.3 Bad recipient address syntax");
            assertThat(client.command("RCPT TO:<@relay.test:bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            assertThat(client.command("VRFY bob")).isEqualTo("502 5.5.1 VRFY command is disabled");
            assertThat(client.command("RSET")).isEqualTo("250 2.0.0 Ok");
            assertThat(client.command("MAIL FROM:<not an address>")).isEqualTo("501 5.1.7 Bad sender address syntax");
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void bdatIsRefusedAndTheConnectionClosed() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("s@client.test", "bob@example.com");
            client.write("BDAT 5 LAST\r\nHELLO");
            assertThat(client.reply()).isEqualTo("502 5.5.1 Error: command not implemented");
            assertThat(client.reply()).isNull();
        }
    }

    @Test
    void aTransactionKeepsItsSnapshotAndTheNextOneTakesTheNewConfiguration() throws Exception {
        try (TestMx own = TestMx.start(dir.resolve("spool-snapshot"), s -> { });
             SmtpTestClient client = own.connect()) {
            client.envelope("s@client.test");
            own.snapshots.update(withRule(2, SmtpFixtures.rule("late", true, TlsPolicy.Optional, "late.example.com")));
            assertThat(client.command("RCPT TO:<x@late.example.com>")).isEqualTo(UNAVAILABLE);
            client.command("RSET");
            client.command("MAIL FROM:<s@client.test>");
            assertThat(client.command("RCPT TO:<x@late.example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("late") + ".\r\n");
            assertThat(own.metadata(TestMx.messageId(client.reply())).snapshotVersion()).isEqualTo(2);
        }
    }

    /** The fixture configuration at {@code version} with one more rule at the end of the set. */
    private static ReceiptConfiguration withRule(long version, ReceiptRule extra) {
        TenantConfiguration tenant = SmtpFixtures.configuration().tenants().get(0);
        List<ReceiptRule> rules = new ArrayList<>(tenant.activeRuleSet().orElseThrow().rules());
        rules.add(extra);
        ReceiptRuleSet set = new ReceiptRuleSet(SmtpFixtures.RULE_SET, Instant.EPOCH, rules);
        return new ReceiptConfiguration(version, List.of(new TenantConfiguration(tenant.accountId(),
                tenant.region(), Optional.of(set), tenant.filters(), tenant.verifiedDomains())));
    }
}

package io.inlet.actions;

import io.inlet.actions.workmail.PrivateDovecot;
import io.inlet.actions.workmail.WorkmailSettings;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * WorkmailAction over LMTP to a real Dovecot (started privately for this class). Each test uses
 * its own mailboxes, so counts are exact.
 */
class WorkmailActionLmtpTest {

    static final String ORG = "arn:aws:workmail:us-east-1:123456789012:organization/m-68755160c4cb4e29a2b2f8fb58f359d7";
    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    /** Lines a naive client would break: a lone dot (the terminator), and lines starting with dots. */
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\n"
            + "Hello\r\n.\r\n..two dots\r\n.one dot\r\n\u00e4 8-bit\r\nend\r\n";
    /** Delivery is refused for now (451 after DATA): Dovecot cannot create this user's Maildir. */
    private static final String UNWRITABLE = "userdb_mail=maildir:/proc/inlet-unwritable";

    private static final Map<String, String> USERS = Map.of(
            "bob@example.com", "", "carol@example.com", "",
            "dave@example.com", "", "erin@example.com", "",
            "frank@example.com", "", "grace@example.com", UNWRITABLE);

    private static PrivateDovecot dovecot;

    @TempDir
    Path data;

    @TempDir
    Path spool;

    private final WorkmailAction plugin = new WorkmailAction();

    @BeforeAll
    static void startDovecot() throws IOException {
        PrivateDovecot.assumeInstalled();
        dovecot = PrivateDovecot.start(USERS);
    }

    @AfterAll
    static void stopDovecot() {
        if (dovecot != null) {
            dovecot.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(WorkmailSettings.ORGANIZATIONS,
                ORG + "=lmtp://127.0.0.1:" + dovecot.port())));
    }

    @AfterEach
    void close() {
        plugin.close();
    }

    @Test
    void deliversToEveryMatchedRecipientWithTheExactBytes() throws Exception {
        ActionOutcome outcome = plugin.execute(workmail(), envelope("alice@sender.example", "bob@example.com", "carol@example.com"));

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        for (String user : List.of("bob@example.com", "carol@example.com")) {
            assertThat(dovecot.inbox(user)).as(dovecot.log()).hasSize(1);
            String saved = Files.readString(dovecot.inbox(user).get(0), StandardCharsets.UTF_8);
            // Dovecot puts its trace headers on top; the message follows byte for byte
            assertThat(saved).startsWith("Return-Path: <alice@sender.example>\r\n").endsWith(RAW);
        }
        assertThat(records()).as("nothing left to remember once all got it").isEmpty();
    }

    @Test
    void theNullSenderIsSentAsEmptyPath() throws Exception {
        plugin.execute(workmail(), envelope("", "dave@example.com"));

        assertThat(dovecot.inbox("dave@example.com")).hasSize(1);
        assertThat(Files.readString(dovecot.inbox("dave@example.com").get(0), StandardCharsets.UTF_8))
                .startsWith("Return-Path: <>\r\n").endsWith(RAW);
    }

    @Test
    void anUnknownRecipientFailsForGoodAndARetryDoesNotDeliverTheOtherTwice() throws Exception {
        WorkmailEnvelope context = envelope("alice@sender.example", "nobody@example.com", "erin@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("nobody@example.com (550 5.1.1")
                .hasMessageNotContaining("erin@example.com");
        assertThat(dovecot.inbox("erin@example.com")).hasSize(1);
        assertThat(String.join("\n", Files.readAllLines(records().get(0)))).contains("delivered erin@example.com");

        // the engine (or a replay from the dead-letter area) runs the action again
        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("nobody@example.com");
        assertThat(dovecot.inbox("erin@example.com")).as("delivered once").hasSize(1);
    }

    @Test
    void aRecipientRefusedForNowIsRetriedAloneUntilItIsDelivered() throws Exception {
        WorkmailEnvelope context = envelope("alice@sender.example", "grace@example.com", "frank@example.com");

        // Dovecot accepts both RCPTs, then answers per recipient after DATA: 451 for grace, 250 for frank
        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("grace@example.com (451 4.2.0")
                .hasMessageNotContaining("frank@example.com");
        assertThat(dovecot.inbox("frank@example.com")).hasSize(1);

        Map<String, String> fixed = new LinkedHashMap<>(USERS);
        fixed.put("grace@example.com", "");
        dovecot.users(fixed);
        try {
            // Dovecot rereads its passwd-file at most once a second: retry as the engine would
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptionsInstanceOf(IOException.class)
                    .untilAsserted(() -> assertThat(plugin.execute(workmail(), context)).isEqualTo(ActionOutcome.CONTINUE));
        } finally {
            dovecot.users(USERS);
        }
        assertThat(dovecot.inbox("grace@example.com")).as(dovecot.log()).hasSize(1);
        assertThat(Files.readString(dovecot.inbox("grace@example.com").get(0), StandardCharsets.UTF_8)).endsWith(RAW);
        assertThat(dovecot.inbox("frank@example.com")).as("not delivered again").hasSize(1);
        assertThat(records()).isEmpty();
    }

    private WorkmailEnvelope envelope(String mailFrom, String... recipients) throws IOException {
        return new WorkmailEnvelope(TestActionContext.withMessage(spool, ID, RAW), mailFrom, List.of(recipients));
    }

    private static ActionSpec workmail() {
        return new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, ORG));
    }

    private List<Path> records() throws IOException {
        Path dir = data.resolve("workmail/delivered");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

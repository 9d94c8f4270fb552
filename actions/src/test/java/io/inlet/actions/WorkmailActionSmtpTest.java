package io.inlet.actions;

import io.inlet.actions.workmail.WorkmailSettings;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.PermanentFailureException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.server.SMTPServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WorkmailAction over SMTP, against an in-process SubEtha SMTP server: one DATA reply for all recipients. */
class WorkmailActionSmtpTest {

    private static final String ORG = WorkmailActionLmtpTest.ORG;
    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    private static final String RAW = "From: alice@sender.example\r\nSubject: Hi\r\n\r\nHello\r\n.\r\n..two dots\r\n";

    record Received(String from, List<String> recipients, byte[] data) {
    }

    @TempDir
    Path data;

    @TempDir
    Path spool;

    private final WorkmailAction plugin = new WorkmailAction();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<String> rcptAttempts = new CopyOnWriteArrayList<>();
    private final AtomicBoolean deferData = new AtomicBoolean();
    private SMTPServer server;

    @BeforeEach
    void start() throws Exception {
        server = SMTPServer.port(0)
                .bindAddress(InetAddress.getLoopbackAddress())
                .hostName("mailbox.test")
                .insertReceivedHeaders(false)
                .messageHandlerFactory(this::handler)
                .build();
        server.start();
        plugin.start(new TestEnvironment(data, Map.of(WorkmailSettings.ORGANIZATIONS,
                ORG + "=smtp://127.0.0.1:" + server.getPortAllocated(), WorkmailSettings.TIMEOUT, "10s")));
    }

    @AfterEach
    void stop() {
        plugin.close();
        server.stop();
    }

    @Test
    void deliversOneCopyForAllRecipientsWithTheExactBytes() throws Exception {
        ActionOutcome outcome = plugin.execute(workmail(), envelope("alice@sender.example", "bob@example.com", "carol@example.com"));

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).from()).isEqualTo("alice@sender.example");
        assertThat(received.get(0).recipients()).containsExactly("bob@example.com", "carol@example.com");
        assertThat(received.get(0).data()).isEqualTo(RAW.getBytes());
    }

    @Test
    void aRecipientRefusedAtRcptFailsForGoodAndIsTheOnlyOneRetried() throws Exception {
        WorkmailEnvelope context = envelope("", "nobody@example.com", "bob@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("nobody@example.com (550 5.1.1 no such user)")
                .hasMessageNotContaining("bob@example.com");
        assertThat(received).hasSize(1);
        assertThat(received.get(0).from()).isEmpty();
        assertThat(received.get(0).recipients()).containsExactly("bob@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(), context)).isInstanceOf(PermanentFailureException.class);
        assertThat(rcptAttempts).containsExactly("nobody@example.com", "bob@example.com", "nobody@example.com");
        assertThat(received).as("no second copy for bob").hasSize(1);
    }

    @Test
    void aTemporaryDataReplyIsRetriedForEveryRecipient() throws Exception {
        deferData.set(true);
        WorkmailEnvelope context = envelope("alice@sender.example", "bob@example.com", "carol@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("bob@example.com (451 4.3.0 try later)")
                .hasMessageContaining("carol@example.com (451 4.3.0 try later)");
        assertThat(received).isEmpty();

        deferData.set(false);
        plugin.execute(workmail(), context);
        assertThat(received).hasSize(1);
        assertThat(received.get(0).recipients()).containsExactly("bob@example.com", "carol@example.com");
    }

    @Test
    void aServerThatIsDownIsATemporaryFailure() throws Exception {
        int closedPort = LoopbackPorts.unused();
        plugin.close();
        WorkmailAction down = new WorkmailAction();
        down.start(new TestEnvironment(data, Map.of(WorkmailSettings.ORGANIZATIONS, ORG + "=smtp://127.0.0.1:" + closedPort)));

        assertThatThrownBy(() -> down.execute(workmail(), envelope("alice@sender.example", "bob@example.com")))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("smtp://127.0.0.1:" + closedPort);
    }

    private MessageHandler handler(MessageContext context) {
        return new MessageHandler() {
            private String from;
            private final List<String> recipients = new ArrayList<>();

            @Override
            public void from(String address) {
                from = address;
            }

            @Override
            public void recipient(String address) throws RejectException {
                rcptAttempts.add(address);
                if (address.startsWith("nobody@")) {
                    throw new RejectException(550, "5.1.1 no such user");
                }
                recipients.add(address);
            }

            @Override
            public String data(InputStream in) throws RejectException, IOException {
                byte[] bytes = in.readAllBytes();
                if (deferData.get()) {
                    throw new RejectException(451, "4.3.0 try later");
                }
                received.add(new Received(from, List.copyOf(recipients), bytes));
                return null;
            }

            @Override
            public void done() {
            }
        };
    }

    private WorkmailEnvelope envelope(String mailFrom, String... recipients) throws IOException {
        return new WorkmailEnvelope(TestActionContext.withMessage(spool, ID, RAW), mailFrom, List.of(recipients));
    }

    private static ActionSpec workmail() {
        return new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, ORG));
    }
}

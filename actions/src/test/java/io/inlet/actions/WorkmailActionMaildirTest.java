package io.inlet.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.actions.workmail.WorkmailSettings;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.PermanentFailureException;
import io.inlet.rules.spi.TopicPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** WorkmailAction with the embedded Maildir store: {@code <data>/workmail/<organization id>/<recipient>/{tmp,new,cur}}. */
class WorkmailActionMaildirTest {

    private static final String ORG = WorkmailActionLmtpTest.ORG;
    private static final String ORG_ID = "m-68755160c4cb4e29a2b2f8fb58f359d7";
    private static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:mail";
    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";
    private static final String RAW = "From: alice@sender.example\r\nTo: bob@example.com\r\nSubject: Hi\r\n\r\nHello\r\n.\r\n";

    @TempDir
    Path data;

    @TempDir
    Path spool;

    private final WorkmailAction plugin = new WorkmailAction();

    @AfterEach
    void close() {
        plugin.close();
    }

    @Test
    void anUnmappedOrganizationGetsAMaildirPerRecipientWithTheExactBytes() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of()));
        TestActionContext message = TestActionContext.withMessage(spool, ID, RAW);
        message.prependHeader("X-Rule", "r1");

        ActionOutcome outcome = plugin.execute(workmail(), new WorkmailEnvelope(message, "alice@sender.example",
                List.of("bob@example.com", "carol@example.com")));

        assertThat(outcome).isEqualTo(ActionOutcome.CONTINUE);
        byte[] expected = ("X-Rule: r1\r\n" + RAW).getBytes(StandardCharsets.UTF_8);
        for (String recipient : List.of("bob@example.com", "carol@example.com")) {
            Path maildir = data.resolve("workmail").resolve(ORG_ID).resolve(recipient);
            List<Path> delivered = list(maildir.resolve("new"));
            assertThat(delivered).hasSize(1);
            assertThat(delivered.get(0)).hasBinaryContent(expected);
            // name: <seconds>.M<usec>P<pid>Q<counter>R<random>.<host>,S=<size>, seconds from the plugin's clock
            assertThat(delivered.get(0).getFileName().toString()).matches(TestEnvironment.NOW.getEpochSecond()
                    + "\\.M0P" + ProcessHandle.current().pid() + "Q\\d+R[0-9a-f]{8}\\.mx\\.inlet\\.test,S=" + expected.length);
            assertThat(list(maildir.resolve("tmp"))).as("nothing half-written left").isEmpty();
            assertThat(maildir.resolve("cur")).isEmptyDirectory();
        }
    }

    @Test
    void namesAreUniqueAndAddressesCannotLeaveTheOrganizationDirectory() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(WorkmailSettings.ORGANIZATIONS, ORG + "=maildir")));
        WorkmailEnvelope context = envelope("Bob/../../x@Example.COM");

        plugin.execute(workmail(), context);
        plugin.execute(workmail(), context);

        Path maildir = data.resolve("workmail").resolve(ORG_ID).resolve("bob%2F..%2F..%2Fx@example.com");
        assertThat(list(maildir.resolve("new"))).hasSize(2);
        try (Stream<Path> all = Files.walk(data)) {
            assertThat(all.filter(Files::isRegularFile))
                    .allSatisfy(file -> assertThat(file).startsWith(data.resolve("workmail").resolve(ORG_ID)));
        }
    }

    @Test
    void aRecipientThatCouldNotBeWrittenIsRetriedAloneAndTheOthersOnlyOnce() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of()));
        Path orgDir = Files.createDirectories(data.resolve("workmail").resolve(ORG_ID));
        Path blocker = Files.writeString(orgDir.resolve("carol@example.com"), "a file where the Maildir should be");
        WorkmailEnvelope context = envelope("bob@example.com", "carol@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(), context))
                .isInstanceOf(IOException.class)
                .isNotInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("carol@example.com (451")
                .hasMessageNotContaining("bob@example.com");

        Files.delete(blocker);
        plugin.execute(workmail(), context);

        assertThat(list(orgDir.resolve("bob@example.com/new"))).hasSize(1);
        assertThat(list(orgDir.resolve("carol@example.com/new"))).hasSize(1);
        assertThat(list(data.resolve("workmail/delivered"))).isEmpty();
    }

    @Test
    void withDefaultRejectAnUnmappedOrganizationFailsForGoodAndNothingIsWritten() throws Exception {
        plugin.start(new TestEnvironment(data, Map.of(WorkmailSettings.DEFAULT, "reject")));

        assertThatThrownBy(() -> plugin.execute(workmail(), envelope("bob@example.com")))
                .isInstanceOf(PermanentFailureException.class)
                .hasMessageContaining("Could not find WorkMail organization: " + ORG);
        try (Stream<Path> all = Files.walk(data)) {
            assertThat(all.filter(Files::isRegularFile)).isEmpty();
        }
    }

    @Test
    void theTopicGetsTheWorkMailNotificationAfterDelivery() throws Exception {
        RecordingTopicPublisher topics = new RecordingTopicPublisher(Set.of(TOPIC));
        plugin.start(new TestEnvironment(data, Map.of()).withTopics(topics));

        plugin.execute(workmail(TOPIC), envelope("bob@example.com"));

        assertThat(list(data.resolve("workmail").resolve(ORG_ID).resolve("bob@example.com/new"))).hasSize(1);
        assertThat(topics.published).hasSize(1);
        RecordingTopicPublisher.Published published = topics.published.get(0);
        assertThat(published.topicArn()).isEqualTo(TOPIC);
        assertThat(published.subject()).isEqualTo("Amazon SES Email Receipt Notification");
        JsonNode json = new ObjectMapper().readTree(published.message());
        JsonNode action = json.path("receipt").path("action");
        List<String> fields = new ArrayList<>();
        action.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("type", "topicArn", "organizationArn");
        assertThat(action.path("type").asText()).isEqualTo("WorkMail");
        assertThat(action.path("topicArn").asText()).isEqualTo(TOPIC);
        assertThat(action.path("organizationArn").asText()).isEqualTo(ORG);
        assertThat(json.has("content")).isFalse();
    }

    @Test
    void aFailedNotificationIsRetriedWithoutDeliveringAgain() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        TopicPublisher flaky = new TopicPublisher() {
            @Override
            public String publish(String topicArn, String subject, String message) throws IOException {
                if (attempts.incrementAndGet() == 1) {
                    throw new IOException("outbox full");
                }
                return "sns-1";
            }

            @Override
            public boolean canPublish(String topicArn) {
                return true;
            }
        };
        plugin.start(new TestEnvironment(data, Map.of()).withTopics(flaky));
        WorkmailEnvelope context = envelope("bob@example.com");

        assertThatThrownBy(() -> plugin.execute(workmail(TOPIC), context)).hasMessage("outbox full");
        plugin.execute(workmail(TOPIC), context);

        assertThat(attempts).hasValue(2);
        assertThat(list(data.resolve("workmail").resolve(ORG_ID).resolve("bob@example.com/new"))).hasSize(1);
    }

    private WorkmailEnvelope envelope(String... recipients) throws IOException {
        return new WorkmailEnvelope(TestActionContext.withMessage(spool, ID, RAW), "alice@sender.example", List.of(recipients));
    }

    private static ActionSpec workmail() {
        return new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, ORG));
    }

    private static ActionSpec workmail(String topic) {
        return new ActionSpec(WorkmailAction.TYPE, Map.of(WorkmailAction.ORGANIZATION_ARN, ORG, "TopicArn", topic));
    }

    private static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}

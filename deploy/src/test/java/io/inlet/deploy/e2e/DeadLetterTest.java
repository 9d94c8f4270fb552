package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import io.inlet.engine.process.ActionStatus;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingStatus;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.Spool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.e2e.ReceivingSetup.addHeader;
import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static io.inlet.deploy.e2e.ReceivingSetup.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * A failing action past the retry budget dead-letters the message with the reason; while it is
 * held the spool (bounded to one message) refuses new mail with 452 4.3.1; a replay once the
 * cause is fixed completes it, without redoing what was done (AddHeader's header appears once).
 */
class DeadLetterTest {

    static final String SENDER = "sender@client.test";
    static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path dir;
    static Path data;
    static RunningInlet daemon;

    @BeforeAll
    static void start() {
        data = dir.resolve("data");
        daemon = RunningInlet.start(data, Map.of(
                "actions.s3.buckets", "mail",
                "spool.max-messages", "1", // a dead-lettered message still counts: the spool is then full
                "processing.retry-budget", "1s",
                "processing.initial-backoff", "50ms",
                "processing.max-backoff", "200ms"));
        ReceivingSetup.of(daemon)
                .domains("dead.test")
                .ruleSet("dead")
                .rule(rule("store", List.of("dead.test"), addHeader("X-Before-S3", "once"), s3("mail", "dl/")))
                .activate()
                .live();
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void deadLetteredAfterTheBudgetHeldAgainstTheSpoolBoundThenReplayed() throws Exception {
        Path bucket = data.resolve("s3").resolve("mail");
        TestFiles.deleteTree(bucket); // the rule exists (strict validation passed); now its bucket is gone
        Spool spool = daemon.inlet().spool();

        String sent = TestMail.message(SENDER, "someone@dead.test", "dead letter");
        String id;
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            id = client.send(SENDER, List.of("someone@dead.test"), sent);
        }

        DeadLetter dead = await("dead-lettered").atMost(WAIT)
                .until(() -> spool.deadLetters().stream().filter(d -> d.messageId().equals(id)).findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        assertThat(dead.reason()).contains("No such bucket: mail");
        assertThat(spool.queued()).doesNotContain(id);
        ProcessingStatus status = MessageProcessor.status(spool, id).orElseThrow();
        assertThat(status.deadLetteredAt()).isNotNull();
        assertThat(status.attempts()).isPositive();
        assertThat(status.actions()).extracting(ActionStatus::type, ActionStatus::state).containsExactly(
                tuple("AddHeaderAction", ActionStatus.State.DONE),
                tuple("S3Action", ActionStatus.State.FAILING));

        // the dead letter fills the spool (max-messages 1): new mail gets a temporary refusal, never a 250
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<" + SENDER + ">")).isEqualTo("452 4.3.1 Insufficient system storage");
        }

        Files.createDirectories(bucket);
        spool.replay(id);
        Path object = bucket.resolve("dl/" + id);
        await("object after replay").atMost(WAIT).until(() -> Files.isRegularFile(object));
        String stored = Files.readString(object, StandardCharsets.ISO_8859_1);
        assertThat(stored).endsWith(sent);
        String added = stored.substring(0, stored.length() - sent.length());
        assertThat(TestMail.headerFields(added)).filteredOn(f -> f.startsWith("X-Before-S3:"))
                .containsExactly("X-Before-S3: once");
        await("replayed message processed").atMost(WAIT)
                .until(() -> !spool.queued().contains(id) && spool.deadLetters().isEmpty());
        // room again
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            assertThat(client.send(SENDER, List.of("again@dead.test"), TestMail.message(SENDER, "again@dead.test", "again")))
                    .hasSize(40);
        }
    }
}

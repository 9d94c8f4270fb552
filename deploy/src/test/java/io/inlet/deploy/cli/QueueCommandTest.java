package io.inlet.deploy.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.ReceiptAction;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inlet queue list|show|replay|purge} against a running daemon, on messages received over
 * SMTP: mail for example.com is stored in bucket {@code mail}; mail for example.net in bucket
 * {@code parked}, which the tests remove to make messages fail and be dead-lettered quickly.
 */
class QueueCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static RunningInlet inlet;
    static List<String> to;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dir.resolve("data"), Map.of(
                "actions.s3.buckets", "mail,parked",
                "processing.initial-backoff", "50ms",
                "processing.max-backoff", "200ms",
                "processing.retry-budget", "1s"));
        SesClient ses = inlet.ses();
        ses.verifyDomainIdentity(b -> b.domain("example.com"));
        ses.verifyDomainIdentity(b -> b.domain("example.net"));
        ses.createReceiptRuleSet(b -> b.ruleSetName("inbound"));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").rule(r -> r.name("store").enabled(true)
                .recipients("example.com").actions(s3("mail"))));
        ses.createReceiptRule(b -> b.ruleSetName("inbound").after("store").rule(r -> r.name("park").enabled(true)
                .recipients("example.net").actions(s3("parked"))));
        ses.setActiveReceiptRuleSet(b -> b.ruleSetName("inbound"));
        to = Cli.connection(inlet, dir);
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void aProcessedMessageIsListedShownAndPurged() throws Exception {
        String id = send(inlet.smtpPort(), "sender@example.org", "bob@example.com", "list me");

        Cli.Result list = await().atMost(Duration.ofSeconds(30)).until(
                () -> Cli.run(to, "queue", "list", "--state", "processed", "--recipient", "BOB@example.com"),
                r -> r.out().contains(id));

        assertThat(list.exit()).isZero();
        assertThat(list.lines().get(0)).matches("ID +STATE +RECEIVED +SIZE +FROM +TO");
        assertThat(list.lines()).anyMatch(l -> l.matches(id + " +processed +\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ +\\d+"
                + " +sender@example.org +bob@example.com"));
        assertThat(Cli.run(to, "queue", "list", "--state", "dead").out()).doesNotContain(id);
        assertThat(Cli.run(to, "queue", "list", "--recipient", "nobody@example.com").out())
                .isEqualTo("no messages for nobody@example.com\n");

        Cli.Result show = Cli.run(to, "queue", "show", id);

        assertThat(show.exit()).as(show.toString()).isZero();
        assertThat(show.out()).contains("Message       " + id + "\n", "State         processed\n",
                "Client        127.0.0.1, HELO client.test, no TLS\n", "From          <sender@example.org>\n",
                "To            bob@example.com\n", "Attempts      no failed attempt\n",
                "Rules of account " + RunningInlet.ACCOUNT + " in us-east-1, rule set inbound:\n",
                "  store  [position 1; recipients example.com; matched bob@example.com]\n");
        assertThat(show.out()).containsPattern("Verdicts      SPF \\w+, DKIM \\w+, DMARC \\w+, spam \\w+, virus \\w+\n");
        assertThat(show.out()).containsPattern(
                "    S3Action BucketName=mail: DONE, CONTINUE, \\d+ ms, 1 attempt, finished \\S+Z\n");

        Cli.Result json = Cli.run(to, "queue", "show", "--json", id);
        JsonNode detail = JSON.readTree(json.out());
        assertThat(detail.path("messageId").asText()).isEqualTo(id);
        assertThat(detail.path("plans").get(0).path("rules").get(0).path("actions").get(0).path("state").asText())
                .isEqualTo("DONE");
        JsonNode listed = JSON.readTree(Cli.run(to, "queue", "list", "--json", "--limit", "5").out());
        assertThat(listed.path("messages").get(0).path("messageId").asText()).isEqualTo(id);

        Cli.Result purge = Cli.run(to, "queue", "purge", id);

        assertThat(purge.exit()).as(purge.toString()).isZero();
        assertThat(purge.lines()).containsExactly("deleted " + id, "1 message deleted");
        Cli.Result gone = Cli.run(to, "queue", "show", id);
        assertThat(gone.exit()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("inlet: no message " + id + " (never received, or deleted or pruned since)\n");
        Cli.Result again = Cli.run(to, "queue", "purge", id);
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("inlet: no message " + id);
    }

    @Test
    void aDeadLetterIsShownWithItsReasonAndReplayedOnceItsBucketIsBack() throws Exception {
        Path bucket = dir.resolve("data").resolve("s3").resolve("parked");
        deleteRecursively(bucket); // a missing bucket is a retryable failure: retried, then dead-lettered
        String id = send(inlet.smtpPort(), "sender@example.org", "carol@example.net", "park me");

        Cli.Result dead = await().atMost(Duration.ofSeconds(30)).until(
                () -> Cli.run(to, "queue", "list", "--state", "dead"), r -> r.out().contains(id));

        assertThat(dead.lines().get(0)).matches("ID +STATE +RECEIVED +SIZE +FROM +TO +REASON");
        assertThat(dead.lines()).anyMatch(l -> l.startsWith(id) && l.contains(" dead ") && l.contains("parked"));
        Cli.Result show = Cli.run(to, "queue", "show", id);
        assertThat(show.out()).contains("State         dead\n", "  park  [position 2; recipients example.net;"
                + " matched carol@example.net]\n");
        assertThat(show.out()).containsPattern("Dead since    \\S+Z: .*parked");
        assertThat(show.out()).containsPattern("    S3Action BucketName=parked: FAILING, \\d+ failed attempts?\n"
                + "      last error: .*parked");

        Files.createDirectories(bucket);
        Cli.Result replay = Cli.run(to, "queue", "replay", id);

        assertThat(replay.exit()).as(replay.toString()).isZero();
        assertThat(replay.lines()).containsExactly("replayed " + id + ": queued again", "1 message replayed");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(Cli.run(to, "queue", "show", id).out()).contains("State         processed\n"));
        assertThat(bucket.resolve(id)).exists();
        Cli.Result show2 = Cli.run(to, "queue", "show", id);
        assertThat(show2.out()).containsPattern("Dead-lettered \\S+Z, then replayed\n");
        Cli.Result twice = Cli.run(to, "queue", "replay", id);
        assertThat(twice.exit()).isEqualTo(1);
        assertThat(twice.err()).contains("inlet: " + id + " is not dead-lettered");
    }

    @Test
    void purgeAllDeletesEveryMessageOfAStateAndNothingElse() throws Exception {
        Path bucket = dir.resolve("data").resolve("s3").resolve("parked");
        deleteRecursively(bucket);
        String kept = send(inlet.smtpPort(), "sender@example.org", "dave@example.com", "keep me");
        String dead1 = send(inlet.smtpPort(), "sender@example.org", "erin@example.net", "dead 1");
        String dead2 = send(inlet.smtpPort(), "sender@example.org", "frank@example.net", "dead 2");
        await().atMost(Duration.ofSeconds(30)).until(() -> Cli.run(to, "queue", "list", "--state", "dead").out(),
                out -> out.contains(dead1) && out.contains(dead2));
        await().atMost(Duration.ofSeconds(30)).until(() -> Cli.run(to, "queue", "list", "--state", "processed").out(),
                out -> out.contains(kept));

        Cli.Result refused = Cli.run(to, "queue", "purge", "--state", "dead");
        assertThat(refused.exit()).isEqualTo(2); // --all is the confirmation; nothing is asked
        assertThat(refused.err()).contains("Missing required argument(s): --all");
        assertThat(Cli.run(to, "queue", "list", "--state", "dead").out()).contains(dead1, dead2);

        Cli.Result purge = Cli.run(to, "queue", "purge", "--state", "dead", "--all");

        assertThat(purge.exit()).as(purge.toString()).isZero();
        assertThat(purge.lines()).contains("deleted " + dead1, "deleted " + dead2);
        assertThat(purge.lines()).last().asString().matches("\\d+ messages deleted");
        assertThat(Cli.run(to, "queue", "list", "--state", "dead").out()).isEqualTo("no messages in state dead\n");
        assertThat(Cli.run(to, "queue", "list", "--state", "processed").out()).contains(kept);
        Files.createDirectories(bucket);
    }

    @Test
    void badArgumentsAreUsageErrors() {
        Cli.Result state = Cli.run(to, "queue", "list", "--state", "bogus");
        assertThat(state.exit()).isEqualTo(2);
        assertThat(state.err()).isEqualTo("inlet: --state must be queued, processed or dead: bogus\n");
        Cli.Result limit = Cli.run(to, "queue", "list", "--limit", "0");
        assertThat(limit.exit()).isEqualTo(2);
        Cli.Result badId = Cli.run(to, "queue", "show", "not-an-id");
        assertThat(badId.exit()).isEqualTo(1);
        assertThat(badId.err()).contains("Not a message ID");
        assertThat(Cli.run("queue").exit()).isEqualTo(2);
        assertThat(Cli.run("queue", "replay").exit()).isEqualTo(2);
    }

    /** One message over a plain SMTP session; returns the message ID of the 250 reply. */
    private static String send(int port, String from, String recipient, String subject) throws IOException {
        String message = "From: " + from + "\r\nTo: " + recipient + "\r\nSubject: " + subject + "\r\n\r\nHello.\r\n";
        return SmtpClient.sendMail(port, from, recipient, message);
    }

    private static ReceiptAction s3(String bucket) {
        return ReceiptAction.builder().s3Action(s -> s.bucketName(bucket)).build();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}

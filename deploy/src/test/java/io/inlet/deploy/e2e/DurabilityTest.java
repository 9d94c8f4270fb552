package io.inlet.deploy.e2e;

import io.inlet.deploy.testing.SmtpClient;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.SpoolSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static io.inlet.deploy.e2e.ReceivingSetup.s3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the daemon process ({@code inlet serve} in a child JVM) after the 250s: after a
 * restart on the same data directory every accepted message's actions complete, and nothing is
 * left in the spool.
 */
class DurabilityTest {

    static final int MESSAGES = 20;
    static final String SENDER = "sender@client.test";
    static final String PREFIX = "d/";
    static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    Path data;
    final List<ChildInlet> children = new ArrayList<>();

    @AfterEach
    void killChildren() {
        children.forEach(ChildInlet::close);
    }

    /** The S3 bucket is missing until after the kill: no action can finish before it. */
    @Test
    void killedWhileActionsFailAndRetryEveryMessageCompletesAfterRestart() throws Exception {
        data = dir.resolve("data");
        ChildInlet first = start();
        configure(first);
        Path bucket = data.resolve("s3").resolve("mail");
        TestFiles.deleteTree(bucket);

        Map<String, String> sent = sendMessages(first);
        assertThat(sent).hasSize(MESSAGES);
        first.kill();
        assertThat(bucket).doesNotExist();

        Files.createDirectories(bucket);
        ChildInlet second = start();
        assertAllStored(sent);
        second.stop();
        assertSpoolEmpty();
    }

    /** Processing runs normally; the kill lands right after the last 250, whatever is in flight. */
    @Test
    void killedRightAfterTheRepliesEveryMessageCompletesAfterRestart() throws Exception {
        data = dir.resolve("data");
        ChildInlet first = start();
        configure(first);

        Map<String, String> sent = sendMessages(first);
        first.kill();

        ChildInlet second = start();
        assertAllStored(sent);
        second.stop();
        assertSpoolEmpty();
    }

    // --- helpers -----------------------------------------------------------------------------

    private ChildInlet start() throws IOException {
        ChildInlet child = ChildInlet.start(data, Map.of(
                "INLET_ACTIONS_S3_BUCKETS", "mail",
                "INLET_PROCESSING_INITIAL_BACKOFF", "200ms",
                "INLET_PROCESSING_MAX_BACKOFF", "500ms"), dir.resolve("inlet.log"));
        children.add(child);
        return child;
    }

    /** Domain, rule set and an S3 rule through the API; live once the SMTP side takes a recipient. */
    private static void configure(ChildInlet child) {
        ReceivingSetup.of(child.ses(), () -> await("durable.test receivable").atMost(Duration.ofSeconds(20))
                        .pollInterval(Duration.ofMillis(100))
                        .until(() -> rcptAccepted(child, "probe@durable.test")))
                .domains("durable.test")
                .ruleSet("durable")
                .rule(rule("store", List.of("durable.test"), s3("mail", PREFIX)))
                .activate()
                .live();
    }

    private static boolean rcptAccepted(ChildInlet child, String recipient) throws IOException {
        try (SmtpClient client = SmtpClient.open(child.smtpPort())) {
            client.command("EHLO probe.test");
            client.command("MAIL FROM:<probe@client.test>");
            return client.command("RCPT TO:<" + recipient + ">").startsWith("250");
        }
    }

    /** {@link #MESSAGES} messages on one session; message ID (from the 250) → message as sent. */
    private static Map<String, String> sendMessages(ChildInlet child) throws IOException {
        Map<String, String> sent = new LinkedHashMap<>();
        try (SmtpClient client = SmtpClient.open(child.smtpPort())) {
            client.command("EHLO client.test");
            for (int i = 0; i < MESSAGES; i++) {
                String to = "user" + i + "@durable.test";
                String message = TestMail.message(SENDER, to, "durable " + i);
                sent.put(client.send(SENDER, List.of(to), message), message);
            }
        }
        return sent;
    }

    private void assertAllStored(Map<String, String> sent) throws IOException {
        Path bucket = data.resolve("s3").resolve("mail");
        await("all " + sent.size() + " objects stored").atMost(WAIT).pollInterval(Duration.ofMillis(100))
                .until(() -> sent.keySet().stream().allMatch(id -> Files.isRegularFile(bucket.resolve(PREFIX + id))));
        for (Map.Entry<String, String> e : sent.entrySet()) {
            String stored = Files.readString(bucket.resolve(PREFIX + e.getKey()), StandardCharsets.ISO_8859_1);
            assertThat(stored).as(e.getKey()).startsWith("Return-Path: <" + SENDER + ">").endsWith(e.getValue());
        }
    }

    /** After a clean stop, the spool (opened here) holds nothing queued and nothing dead. */
    private void assertSpoolEmpty() throws IOException {
        try (FileSpool spool = FileSpool.open(SpoolSettings.defaults(data.resolve("spool")))) {
            assertThat(spool.queued()).isEmpty();
            assertThat(spool.deadLetters()).isEmpty();
        }
    }
}

package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.process.ActionStatus;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingStatus;
import io.inlet.engine.spool.Spool;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.model.ReceiptRule;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.e2e.ReceivingSetup.addHeader;
import static io.inlet.deploy.e2e.ReceivingSetup.rule;
import static io.inlet.deploy.e2e.ReceivingSetup.s3;
import static io.inlet.deploy.e2e.ReceivingSetup.stop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Rules run through the daemon with the embedded S3 store: the stored object (Inlet's headers,
 * then the message as sent), rule order, disabled rules, Stop, AddHeader in the same and later
 * rules, receipt.recipients per rule, the setup object, and an action that fails until its
 * bucket appears.
 */
class RuleExecutionTest {

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
                "actions.s3.buckets", "mail,other,gate",
                "processing.initial-backoff", "100ms",
                "processing.max-backoff", "300ms"));
        ReceivingSetup.of(daemon)
                .domains("exec.test")
                .ruleSet("rules")
                .rule(rule("plain", List.of("plain@exec.test"), s3("mail", "plain/")))
                .rule(rule("order-first", List.of("order@exec.test"), addHeader("X-Order", "first"), s3("mail", "order/1/")))
                .rule(ReceiptRule.builder().name("order-disabled").enabled(false).recipients("order@exec.test")
                        .actions(s3("mail", "order/disabled/")).build())
                .rule(rule("order-second", List.of("order@exec.test"), addHeader("X-Order", "second"), s3("other", "order/2/")))
                .rule(rule("stop-first", List.of("stop@exec.test"), s3("mail", "stop/1/"), stop()))
                .rule(rule("stop-later", List.of("stop@exec.test"), s3("mail", "stop/2/")))
                .rule(rule("header", List.of("header@exec.test"), addHeader("X-Inlet-Test", "same-rule"), s3("mail", "header/")))
                .rule(rule("split-a", List.of("alice@exec.test"), s3("mail", "split/a/")))
                .rule(rule("split-b", List.of("bob@exec.test"), s3("mail", "split/b/")))
                .rule(rule("split-both", List.of("alice@exec.test", "bob@exec.test"), s3("gate", "split/gate/")))
                .activate()
                .live();
    }

    @AfterAll
    static void close() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void creatingARuleWithAnS3ActionWritesTheSetupObject() throws IOException {
        for (String key : List.of("mail/plain/", "mail/order/1/", "other/order/2/", "mail/stop/2/")) {
            Path setup = objectFile(key + "AMAZON_SES_SETUP_NOTIFICATION");
            assertThat(setup).as(key).isRegularFile();
            assertThat(Files.size(setup)).isPositive();
        }
    }

    @Test
    void storedObjectIsInletsHeadersThenTheMessageAsSent() throws Exception {
        String sent = TestMail.message(SENDER, "plain@exec.test", "plain");
        String id = send(List.of("plain@exec.test"), sent);

        String stored = awaitObject("mail/plain/" + id);
        assertThat(stored).endsWith(sent);
        String added = stored.substring(0, stored.length() - sent.length());
        assertThat(TestMail.headerNames(added))
                .containsExactly("Return-Path", "Received", "Received-SPF", "Authentication-Results");
        List<String> fields = TestMail.headerFields(added);
        assertThat(fields.get(0)).isEqualTo("Return-Path: <" + SENDER + ">");
        assertThat(fields.get(1))
                .startsWith("Received: from client.test ([127.0.0.1]) by mx.inlet.test with SMTP id " + id
                        + " for plain@exec.test; ")
                .endsWith("+0000 (UTC)");
        assertThat(fields.get(2)).startsWith("Received-SPF: ");
        assertThat(fields.get(3)).startsWith("Authentication-Results: mx.inlet.test;").contains("spf=", "dkim=", "dmarc=");
        awaitProcessed(id);
    }

    @Test
    void rulesRunInOrderDisabledRulesDoNotRunAndAddedHeadersReachLaterRules() throws Exception {
        String sent = TestMail.message(SENDER, "order@exec.test", "order");
        String id = send(List.of("order@exec.test"), sent);

        String first = awaitObject("mail/order/1/" + id);
        String second = awaitObject("other/order/2/" + id);
        awaitProcessed(id);
        // rule 1 stored before rule 2 added its header; rule 2 sees rule 1's header
        assertThat(prepended(first, sent)).contains("X-Order: first").doesNotContain("X-Order: second");
        assertThat(prepended(second, sent)).contains("X-Order: first", "X-Order: second");
        // each AddHeader goes to the very top of the header block: the latest first, above Inlet's
        assertThat(TestMail.headerFields(prepended(second, sent)).subList(0, 3))
                .containsExactly("X-Order: second", "X-Order: first", "Return-Path: <" + SENDER + ">");
        assertThat(second).endsWith(sent);
        assertThat(objectFile("mail/order/disabled/" + id)).doesNotExist();
    }

    @Test
    void stopEndsTheRuleSet() throws Exception {
        String id = send(List.of("stop@exec.test"), TestMail.message(SENDER, "stop@exec.test", "stop"));

        awaitObject("mail/stop/1/" + id);
        awaitProcessed(id);
        assertThat(daemon.inlet().spool().queued()).doesNotContain(id);
        assertThat(daemon.inlet().spool().deadLetters()).noneMatch(d -> d.messageId().equals(id));
        assertThat(objectFile("mail/stop/2/" + id)).doesNotExist();
    }

    @Test
    void addHeaderIsVisibleToTheNextActionOfTheSameRule() throws Exception {
        String sent = TestMail.message(SENDER, "header@exec.test", "header");
        String id = send(List.of("header@exec.test"), sent);

        String stored = awaitObject("mail/header/" + id);
        assertThat(TestMail.headerFields(prepended(stored, sent))).contains("X-Inlet-Test: same-rule");
        // added on top of the message: the original header block follows unchanged
        assertThat(stored).endsWith(sent);
        awaitProcessed(id);
    }

    /**
     * Two rules matching different recipients each store the message; the rule matching both
     * fails until its bucket exists, which keeps the message queued so its plans can be read:
     * each rule's receipt.recipients are the recipients it matched.
     */
    @Test
    void eachRuleGetsTheRecipientsItMatchedAndAFailingActionIsRetriedUntilItsBucketExists() throws Exception {
        Path gate = data.resolve("s3").resolve("gate");
        assertThat(objectFile("gate/split/gate/AMAZON_SES_SETUP_NOTIFICATION")).isRegularFile();
        TestFiles.deleteTree(gate);
        try {
            String sent = TestMail.message(SENDER, "alice@exec.test, bob@exec.test", "split");
            String id = send(List.of("alice@exec.test", "bob@exec.test"), sent);

            assertThat(awaitObject("mail/split/a/" + id)).endsWith(sent);
            assertThat(awaitObject("mail/split/b/" + id)).endsWith(sent);

            Spool spool = daemon.inlet().spool();
            AcceptedMessage accepted = spool.metadata(id).orElseThrow();
            assertThat(accepted.envelope().recipients()).containsExactly("alice@exec.test", "bob@exec.test");
            assertThat(accepted.plans()).hasSize(1);
            assertThat(accepted.plans().get(0).rules())
                    .extracting(p -> p.rule().name(), RulePlan::recipients)
                    .containsExactly(
                            tuple("split-a", List.of("alice@exec.test")),
                            tuple("split-b", List.of("bob@exec.test")),
                            tuple("split-both", List.of("alice@exec.test", "bob@exec.test")));

            // the third rule's action fails and is retried; the message stays queued meanwhile
            await().atMost(WAIT).untilAsserted(() -> {
                ProcessingStatus status = MessageProcessor.status(spool, id).orElseThrow();
                assertThat(status.actions()).extracting(ActionStatus::ruleName, ActionStatus::state).containsExactly(
                        tuple("split-a", ActionStatus.State.DONE),
                        tuple("split-b", ActionStatus.State.DONE),
                        tuple("split-both", ActionStatus.State.FAILING));
                assertThat(status.attempts()).isGreaterThanOrEqualTo(2);
                assertThat(status.lastError()).contains("No such bucket: gate");
            });
            assertThat(spool.queued()).contains(id);

            Files.createDirectories(gate);
            assertThat(awaitObject("gate/split/gate/" + id)).endsWith(sent);
            awaitProcessed(id);
        } finally {
            Files.createDirectories(gate);
        }
    }

    // --- helpers -----------------------------------------------------------------------------

    static String send(List<String> recipients, String message) throws IOException {
        return SmtpClient.sendMail(daemon.smtpPort(), SENDER, recipients, message);
    }

    static Path objectFile(String bucketAndKey) {
        return data.resolve("s3").resolve(bucketAndKey);
    }

    static String awaitObject(String bucketAndKey) throws IOException {
        Path file = objectFile(bucketAndKey);
        await("object " + bucketAndKey).atMost(WAIT).until(() -> Files.isRegularFile(file));
        return Files.readString(file, StandardCharsets.ISO_8859_1);
    }

    /** Processing finished: the spool no longer holds the message. */
    static void awaitProcessed(String id) {
        await("message " + id + " processed").atMost(WAIT)
                .until(() -> !daemon.inlet().spool().queued().contains(id));
    }

    /** What was added on top of the message as sent. */
    static String prepended(String stored, String sent) {
        assertThat(stored).endsWith(sent);
        return stored.substring(0, stored.length() - sent.length());
    }
}

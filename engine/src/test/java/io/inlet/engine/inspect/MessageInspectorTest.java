package io.inlet.engine.inspect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.process.ActionStatus;
import io.inlet.engine.process.MessageProcessor;
import io.inlet.engine.process.ProcessingSettings;
import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.SpoolSettings;
import io.inlet.engine.spool.SpoolState;
import io.inlet.engine.spool.SpoolWriter;
import io.inlet.engine.verdicts.Verdict;
import io.inlet.engine.verdicts.Verdicts;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;
import io.inlet.rules.spi.ActionContext;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ValidationContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The inspector over a real spool, with messages processed by a real {@link MessageProcessor}. */
class MessageInspectorTest {

    private static final Verdicts VERDICTS = new Verdicts(Verdict.PASS, Verdict.GRAY, Verdict.GRAY,
            Verdict.DISABLED, Verdict.DISABLED, null, List.of());
    private static final ProcessingSettings FAST = new ProcessingSettings(2, Duration.ofMillis(10),
            Duration.ofMillis(20), Duration.ofMillis(300));

    @TempDir
    Path root;

    private FileSpool spool;
    private MessageProcessor processor;
    private MessageInspector inspector;
    private final Store store = new Store();

    @BeforeEach
    void open() throws IOException {
        spool = FileSpool.open(SpoolSettings.defaults(root));
        inspector = new MessageInspector(spool);
    }

    @AfterEach
    void close() {
        if (processor != null) {
            processor.close(Duration.ofSeconds(1));
        }
        spool.close();
    }

    private void startProcessor() {
        processor = new MessageProcessor(spool, (envelope, message, scan) -> VERDICTS,
                MessageProcessor.byType(List.of(store, new Stop())), FAST);
        processor.start();
    }

    @Test
    void listsEveryStateNewestFirstFilteredByStateRecipientAndLimit() throws Exception {
        String queued = send("one", "bob@example.com");
        String processed = send("two", "alice@example.com", "Bob@Example.com");
        String dead = send("three", "carol@example.com");
        spool.complete(processed);
        spool.deadLetter(dead, "gave up");

        assertThat(inspector.list(MessageQuery.all()))
                .extracting(MessageSummary::messageId, MessageSummary::state)
                .containsExactly(tuple(dead, SpoolState.DEAD), tuple(processed, SpoolState.PROCESSED),
                        tuple(queued, SpoolState.QUEUED));
        assertThat(inspector.list(new MessageQuery(SpoolState.PROCESSED, null, 10)))
                .singleElement().satisfies(m -> {
                    assertThat(m.messageId()).isEqualTo(processed);
                    assertThat(m.mailFrom()).isEqualTo("sender@example.org");
                    assertThat(m.recipients()).containsExactly("alice@example.com", "Bob@Example.com");
                    assertThat(m.size()).isEqualTo("two".length());
                    assertThat(m.receivedAt()).isNotNull();
                });
        // exact address, any case; never a substring
        assertThat(inspector.list(new MessageQuery(null, "BOB@example.COM", 10)))
                .extracting(MessageSummary::messageId).containsExactly(processed, queued);
        assertThat(inspector.list(new MessageQuery(null, "bob@example", 10))).isEmpty();
        assertThat(inspector.list(new MessageQuery(null, "bob@example.com", 1)))
                .extracting(MessageSummary::messageId).containsExactly(processed);
        assertThat(inspector.list(new MessageQuery(SpoolState.DEAD, "bob@example.com", 10))).isEmpty();
        assertThatThrownBy(() -> new MessageQuery(null, null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MessageQuery(null, null, 1001)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailShowsEnvelopePlansEachActionsOutcomeAndVerdicts() throws Exception {
        startProcessor();
        ReceiptRule first = rule("first", spec("S3Action", "BucketName", "mail", "ObjectKeyPrefix", "in/"),
                spec("StopAction", "Scope", "RuleSet"));
        ReceiptRule second = rule("second", spec("S3Action", "BucketName", "other"));
        String id = send("Subject: hi\r\n\r\nbody\r\n", List.of(new TenantPlan("111122223333", "us-east-1", "default",
                List.of(new RulePlan(0, first, List.of("bob@example.com")),
                        new RulePlan(2, second, List.of("bob@example.com"))))), "bob@example.com");

        MessageDetail detail = awaitState(id, SpoolState.PROCESSED);

        assertThat(detail.messageId()).isEqualTo(id);
        assertThat(detail.size()).isEqualTo("Subject: hi\r\n\r\nbody\r\n".length());
        assertThat(detail.snapshotVersion()).isEqualTo(7);
        assertThat(detail.receivedAt()).isEqualTo(detail.envelope().receivedAt());
        assertThat(detail.envelope().recipients()).containsExactly("bob@example.com");
        assertThat(detail.envelope().clientAddress()).isEqualTo("192.0.2.10");
        assertThat(detail.deadLetter()).isNull();
        assertThat(detail.processing().verdicts().spf()).isEqualTo(Verdict.PASS);
        assertThat(detail.processing().inletHeaders()).extracting(h -> h.name()).contains("Received");
        assertThat(detail.processing().attempts()).isZero();
        assertThat(detail.processing().lastError()).isNull();

        TenantView tenant = detail.plans().get(0);
        assertThat(tenant.accountId()).isEqualTo("111122223333");
        assertThat(tenant.ruleSetName()).isEqualTo("default");
        assertThat(tenant.rules()).extracting(RuleView::name, RuleView::index).containsExactly(
                tuple("first", 0), tuple("second", 2));
        RuleView rule = tenant.rules().get(0);
        assertThat(rule.matchedRecipients()).containsExactly("bob@example.com");
        assertThat(rule.actions()).hasSize(2);
        ActionView s3 = rule.actions().get(0);
        assertThat(s3.type()).isEqualTo("S3Action");
        assertThat(s3.parameters()).containsEntry("BucketName", "mail").containsEntry("ObjectKeyPrefix", "in/");
        assertThat(s3.state()).isEqualTo(ActionStatus.State.DONE);
        assertThat(s3.outcome()).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(s3.millis()).isNotNull().isNotNegative();
        assertThat(s3.attempts()).isEqualTo(1);
        assertThat(s3.finishedAt()).isNotNull();
        assertThat(rule.actions().get(1).outcome()).isEqualTo(ActionOutcome.STOP_RULE_SET);
        // the second rule never ran: Stop ended the rule set
        assertThat(tenant.rules().get(1).actions()).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo(ActionStatus.State.SKIPPED);
            assertThat(a.parameters()).containsEntry("BucketName", "other");
        });

        // plain records: Jackson writes them as they are
        String json = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).writeValueAsString(detail);
        assertThat(json).contains("\"state\":\"PROCESSED\"", "\"outcome\":\"CONTINUE\"", "\"BucketName\":\"mail\"",
                "\"spf\":\"PASS\"");
    }

    @Test
    void aDeadLetterShowsItsReasonAndReplayProcessesIt() throws Exception {
        store.failing = true;
        startProcessor();
        String id = send("Subject: x\r\n\r\n", List.of(plan(rule("store", spec("S3Action", "BucketName", "gone")))),
                "bob@example.com");

        MessageDetail dead = awaitState(id, SpoolState.DEAD);

        assertThat(dead.deadLetter().reason()).contains("bucket gone");
        assertThat(dead.processing().attempts()).isPositive();
        assertThat(dead.processing().lastError()).contains("bucket gone");
        assertThat(dead.processing().deadLetteredAt()).isNotNull();
        ActionView failing = dead.plans().get(0).rules().get(0).actions().get(0);
        assertThat(failing.state()).isEqualTo(ActionStatus.State.FAILING);
        assertThat(failing.lastError()).contains("bucket gone");
        assertThat(inspector.deadLetters(10)).singleElement().satisfies(d -> {
            assertThat(d.messageId()).isEqualTo(id);
            assertThat(d.reason()).contains("bucket gone");
            assertThat(d.recipients()).containsExactly("bob@example.com");
            assertThat(d.deadAt()).isNotNull();
        });
        assertThat(inspector.list(new MessageQuery(SpoolState.DEAD, null, 10)))
                .extracting(MessageSummary::messageId).containsExactly(id);

        store.failing = false;
        assertThat(inspector.replay(id)).isTrue();

        MessageDetail done = awaitState(id, SpoolState.PROCESSED);
        assertThat(done.deadLetter()).isNull();
        assertThat(done.plans().get(0).rules().get(0).actions().get(0).state()).isEqualTo(ActionStatus.State.DONE);
        assertThat(inspector.deadLetters(10)).isEmpty();
        assertThat(inspector.replay(id)).isFalse(); // not dead any more
        assertThat(inspector.replay(spool.ids(SpoolState.QUEUED).stream().findFirst().orElse("0".repeat(40))))
                .isFalse();
        assertThat(inspector.replay("../dead/x")).isFalse();
    }

    @Test
    void rawIsTheBytesAsReceivedInEveryState() throws Exception {
        byte[] body = "Subject: raw\r\n\r\n\u00e9t\u00e9\r\n".getBytes(StandardCharsets.UTF_8);
        String queued = send(new String(body, StandardCharsets.UTF_8), "bob@example.com");
        String processed = send(new String(body, StandardCharsets.UTF_8), "bob@example.com");
        spool.complete(processed);

        for (String id : List.of(queued, processed)) {
            try (RawMessage raw = inspector.raw(id).orElseThrow()) {
                assertThat(raw.size()).isEqualTo(body.length);
                assertThat(readAll(raw)).isEqualTo(body);
            }
        }
        assertThat(inspector.raw("0".repeat(40))).isEmpty();
        assertThat(inspector.raw("../spool.lock")).isEmpty();
    }

    @Test
    void deleteRemovesAMessageInAnyState() throws Exception {
        String queued = send("a", "bob@example.com");
        String processed = send("b", "bob@example.com");
        String dead = send("c", "bob@example.com");
        spool.complete(processed);
        spool.deadLetter(dead, "gave up");

        for (String id : List.of(queued, processed, dead)) {
            assertThat(inspector.delete(id)).isTrue();
            assertThat(inspector.get(id)).isEmpty();
            assertThat(inspector.delete(id)).isFalse();
        }
        assertThat(inspector.list(MessageQuery.all())).isEmpty();
        assertThat(inspector.delete("../queue")).isFalse();
        assertThat(inspector.get("../queue")).isEmpty();
    }

    // ---- fixtures ---------------------------------------------------------------------------------

    private MessageDetail awaitState(String id, SpoolState state) {
        return await().atMost(Duration.ofSeconds(20)).until(() -> inspector.get(id),
                d -> d.isPresent() && d.get().state() == state).orElseThrow();
    }

    private String send(String body, String... recipients) throws Exception {
        return send(body, List.of(plan(rule("r", spec("S3Action", "BucketName", "mail")))), recipients);
    }

    private String send(String body, List<TenantPlan> plans, String... recipients) throws Exception {
        Envelope envelope = new Envelope("sender@example.org", List.of(recipients), "mx.example.org", "192.0.2.10",
                null, null, "mx.inlet.test", Instant.now().truncatedTo(ChronoUnit.MILLIS));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (SpoolWriter writer = spool.begin()) {
            writer.body().write(bytes);
            writer.commit(new AcceptedMessage(writer.messageId(), envelope, 7, plans, bytes.length));
            return writer.messageId();
        }
    }

    private static TenantPlan plan(ReceiptRule rule) {
        return new TenantPlan("111122223333", "us-east-1", "default", List.of(new RulePlan(0, rule, List.of())));
    }

    private static ReceiptRule rule(String name, ActionSpec... actions) {
        return new ReceiptRule(name, true, TlsPolicy.Optional, false, List.of(),
                java.util.Arrays.stream(actions).map(ReceiptAction::of).toList());
    }

    private static ActionSpec spec(String type, String... keyValues) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        return new ActionSpec(type, params);
    }

    /** Reads raw.size() bytes, as the API does: the spool file holds the metadata after them. */
    private static byte[] readAll(RawMessage raw) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) raw.size());
        while (buffer.hasRemaining() && raw.channel().read(buffer) > 0) {
            // until the message's end
        }
        return java.util.Arrays.copyOf(buffer.array(), buffer.position());
    }

    private static org.assertj.core.groups.Tuple tuple(Object... values) {
        return org.assertj.core.groups.Tuple.tuple(values);
    }

    /** Stands in for S3: CONTINUE, or a retryable failure while {@code failing}. */
    private static final class Store extends TestAction {
        volatile boolean failing;

        Store() {
            super("S3Action");
        }

        @Override
        public ActionOutcome execute(ActionSpec action, ActionContext context) throws Exception {
            if (failing) {
                throw new IOException("bucket " + action.get("BucketName") + " does not exist");
            }
            return ActionOutcome.CONTINUE;
        }
    }

    private static final class Stop extends TestAction {
        Stop() {
            super("StopAction");
        }

        @Override
        public ActionOutcome execute(ActionSpec action, ActionContext context) {
            return ActionOutcome.STOP_RULE_SET;
        }
    }

    private abstract static class TestAction implements ActionPlugin {
        private final String type;

        TestAction(String type) {
            this.type = type;
        }

        @Override
        public String type() {
            return type;
        }

        @Override
        public List<ActionParameter> parameters() {
            return List.of();
        }

        @Override
        public void validate(ActionSpec action, ValidationContext context) {
        }
    }
}

package io.inlet.engine.process;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.verdicts.Header;
import io.inlet.rules.spi.ActionOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The walk itself, over an in-memory journal: what is skipped, replayed and recorded. */
class RuleExecutorTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final List<String> trail = new CopyOnWriteArrayList<>();
    private MemoryJournal journal = new MemoryJournal();
    private TestPlugin s3;
    private TestPlugin addHeader;
    private RuleExecutor executor;

    @BeforeEach
    void setUp() {
        s3 = new TestPlugin("S3Action", trail);
        addHeader = new TestPlugin("AddHeaderAction", trail);
        executor = new RuleExecutor(new ActionRunner(Map.of("S3Action", s3, "AddHeaderAction", addHeader), CLOCK), CLOCK);
    }

    private MessageState state(TenantPlan... plans) throws Exception {
        Path file = dir.resolve("m.eml");
        Files.writeString(file, "Subject: s\r\n\r\nbody\r\n", StandardCharsets.US_ASCII);
        AcceptedMessage m = new AcceptedMessage("m".repeat(40), envelope("a@b.example", List.of("c@d.example")), 1,
                List.of(plans), Files.size(file));
        return new MessageState(m, ProcessFixtures.PASSING, ReceivedHeaders.build(m.messageId(), m.envelope()),
                new FilteredMessage(MessageBytes.wholeFile(file), List.of()),
                HeaderParser.parse(new ByteArrayInputStream(Files.readAllBytes(file))));
    }

    private void run(MessageState state) throws Exception {
        executor.execute(state, journal, new FailureLog(journal, CLOCK), () -> false);
    }

    @Test
    void aJournaledStopIsHonouredWithoutRunningTheAction() throws Exception {
        journal.put(new ActionPosition(0, 0, 0, 0).key(), JournalRecords.write(new JournalRecords.ActionRecord(
                ActionOutcome.STOP_RULE_SET, 3, 1, CLOCK.instant().toString(),
                List.of(new Header("X-Earlier", "1")))));
        MessageState state = state(
                tenant("1", plan(0, rule("r1", action("S3Action", "Id", "done"), action("S3Action", "Id", "a2"))),
                        plan(1, rule("r2", action("S3Action", "Id", "a3")))),
                tenant("2", plan(0, rule("r3", action("S3Action", "Id", "b1")))));
        run(state);
        assertThat(trail).containsExactly("b1");
        assertThat(s3.seen("b1").message()).startsWith("X-Earlier: 1\r\nReturn-Path: ");
    }

    @Test
    void eachCompletionIsJournaledWithItsAddedHeaders() throws Exception {
        run(state(tenant("1", plan(0, rule("r1",
                action("AddHeaderAction", "Id", "h", "Header", "X-A", "HeaderValue", "v"),
                action("S3Action", "Id", "s", "Outcome", "STOP_RULE"))))));
        JournalRecords.ActionRecord h = JournalRecords.action(journal.get("action/0/0/0/0").orElseThrow());
        JournalRecords.ActionRecord s = JournalRecords.action(journal.get("action/0/0/1/0").orElseThrow());
        assertThat(h.headers()).containsExactly(new Header("X-A", "v"));
        assertThat(h.outcome()).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(h.attempts()).isEqualTo(1);
        assertThat(h.finishedAt()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(s.outcome()).isEqualTo(ActionOutcome.STOP_RULE);
        assertThat(s.headers()).isEmpty();
    }

    @Test
    void aFailedActionLeavesNoRecordAndNoHeaders() throws Exception {
        addHeader.behaviour = (spec, context, call) -> {
            context.prependHeader("X-Half", "done");
            if (call == 1) {
                throw new IllegalStateException("target down");
            }
            return ActionOutcome.CONTINUE;
        };
        MessageState state = state(tenant("1", plan(0, rule("r1", action("AddHeaderAction", "Id", "h"),
                action("S3Action", "Id", "s")))));
        assertThatThrownBy(() -> run(state)).isInstanceOfSatisfying(ActionFailure.class, f -> {
            assertThat(f.position()).isEqualTo(new ActionPosition(0, 0, 0, 0));
            assertThat(f.permanent()).isFalse();
            assertThat(f.describe()).isEqualTo("AddHeaderAction (rule 'r1', action 0/0/0/0): IllegalStateException: target down");
        });
        assertThat(journal.get("action/0/0/0/0")).isEmpty();
        assertThat(state.topHeaders()).extracting(Header::name).doesNotContain("X-Half");

        run(state);
        assertThat(s3.seen("s").message()).containsOnlyOnce("X-Half: done");
    }

    @Test
    void eachRecordIsDurableBeforeTheNextActionRunsTheLastOneIsLeftToTheCompletion() throws Exception {
        MessageState state = state(tenant("1", plan(0, rule("r1", action("S3Action", "Id", "a1"),
                action("S3Action", "Id", "a2"), action("S3Action", "Id", "a3")))));
        run(state);
        assertThat(journal.forcedWrites()).isEqualTo(2); // before a2 and before a3, not after a3

        // a crash before the completion was durable: only the last action runs again
        journal = journal.crash();
        assertThat(journal.get("action/0/0/1/0")).isPresent();
        assertThat(journal.get("action/0/0/2/0")).isEmpty();
        run(state);
        assertThat(trail).containsExactly("a1", "a2", "a3", "a3");
    }

    @Test
    void aFailureRecordMakesTheDeferredCompletionBeforeItDurable() throws Exception {
        MessageState state = state(tenant("1", plan(0, rule("r1", action("AddHeaderAction", "Id", "a1"),
                action("S3Action", "Id", "a2", "FailTimes", "1")))));
        journal = new MemoryJournal();
        FailureLog failures = new FailureLog(journal, CLOCK);
        // run the first action alone: its record stays deferred until the failure's record is forced
        addHeader.behaviour = (spec, context, call) -> ActionOutcome.STOP_RULE_SET;
        executor.execute(state, journal, failures, () -> false);
        assertThat(journal.crash().get("action/0/0/0/0")).isEmpty();

        failures.record(new ActionFailure(new ActionPosition(0, 0, 1, 0), "S3Action", "r1", "down", null, false));
        assertThat(journal.crash().get("action/0/0/0/0")).isPresent();
        assertThat(journal.crash().get(JournalKeys.LAST_ERROR)).isPresent();
    }
}

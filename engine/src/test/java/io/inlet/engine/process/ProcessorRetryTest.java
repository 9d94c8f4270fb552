package io.inlet.engine.process;

import io.inlet.engine.spool.DeadLetter;
import io.inlet.rules.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** Backoff, the retry budget, permanent failures and replay. */
class ProcessorRetryTest {

    @TempDir
    Path dir;
    private ProcessorHarness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    private String send(ProcessingSettings settings, io.inlet.rules.ReceiptRule rule) throws Exception {
        h = new ProcessorHarness(dir, settings, ProcessFixtures.fixed(ProcessFixtures.PASSING)).start();
        return h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com")),
                tenant("111", plan(0, rule)));
    }

    @Test
    void failingActionIsRetriedWithExponentialBackoffAndLaterActionsWait() throws Exception {
        String id = send(ProcessFixtures.FAST, rule("r1", action("S3Action", "Id", "a1"),
                action("SNSAction", "Id", "a2", "FailTimes", "3"), action("LambdaAction", "Id", "a3")));
        h.awaitDone(id);
        assertThat(h.trail).containsExactly("a1", "a2", "a2", "a2", "a2", "a3");
        List<Long> at = h.plugin("SNSAction").callNanos;
        // 10 ms, 20 ms, 40 ms: a timer never fires early
        assertThat(at.get(1) - at.get(0)).isGreaterThanOrEqualTo(Duration.ofMillis(10).toNanos());
        assertThat(at.get(2) - at.get(1)).isGreaterThanOrEqualTo(Duration.ofMillis(20).toNanos());
        assertThat(at.get(3) - at.get(2)).isGreaterThanOrEqualTo(Duration.ofMillis(40).toNanos());
    }

    @Test
    void deadLetteredWhenTheBudgetIsSpentThenReplayedWithAFreshBudget() throws Exception {
        ProcessingSettings shortBudget = new ProcessingSettings(2, Duration.ofMillis(10), Duration.ofMillis(40),
                Duration.ofSeconds(1));
        String id = send(shortBudget, rule("r1", action("S3Action", "Id", "a1"),
                action("SNSAction", "Id", "a2", "FailTimes", "1000000"), action("LambdaAction", "Id", "a3")));
        DeadLetter dead = h.awaitDead(id);
        assertThat(dead.reason()).contains("gave up after").contains("SNSAction").contains("rule 'r1'")
                .contains("IOException: boom");
        assertThat(h.plugin("SNSAction").calls("a2")).isGreaterThanOrEqualTo(3);
        java.time.Instant receivedAt = h.spool.metadata(id).orElseThrow().envelope().receivedAt();
        assertThat(dead.deadAt()).isAfterOrEqualTo(receivedAt.plus(shortBudget.retryBudget()));
        assertThat(h.plugin("LambdaAction").calls("a3")).isZero();

        ProcessingStatus status = h.status(id);
        assertThat(status.deadLetteredAt()).isNotNull();
        assertThat(status.attempts()).isEqualTo(h.plugin("SNSAction").calls("a2"));
        assertThat(status.lastError()).contains("SNSAction").contains("boom");
        assertThat(status.actions()).extracting(ActionStatus::state).containsExactly(
                ActionStatus.State.DONE, ActionStatus.State.FAILING, ActionStatus.State.PENDING);
        assertThat(status.actions().get(0).outcome()).isEqualTo(ActionOutcome.CONTINUE);
        assertThat(status.actions().get(1).attempts()).isEqualTo(status.attempts());

        h.plugin("SNSAction").behaviour = (spec, context, call) -> ActionOutcome.CONTINUE;
        h.spool.replay(id);
        h.awaitDone(id);
        assertThat(h.plugin("S3Action").calls("a1")).isEqualTo(1);
        assertThat(h.plugin("LambdaAction").calls("a3")).isEqualTo(1);
    }

    @Test
    void permanentFailureDeadLettersAtOnce() throws Exception {
        h = new ProcessorHarness(dir, ProcessFixtures.FAST, ProcessFixtures.fixed(ProcessFixtures.PASSING));
        h.plugin("LambdaAction").behaviour = (spec, context, call) -> {
            throw new UnsupportedOperationException("LambdaAction cannot run yet");
        };
        h.start();
        String id = h.send(ProcessFixtures.MESSAGE, envelope("a@b.example", List.of("bob@example.com")),
                tenant("111", plan(0, rule("r1", action("LambdaAction", "Id", "l1"), action("S3Action", "Id", "s1")))));
        DeadLetter dead = h.awaitDead(id);
        assertThat(dead.reason()).startsWith("permanent failure: LambdaAction (rule 'r1', action 0/0/0/0)")
                .contains("cannot run yet");
        assertThat(h.plugin("LambdaAction").calls("l1")).isEqualTo(1);
        assertThat(h.plugin("S3Action").calls("s1")).isZero();
    }

    @Test
    void anActionTypeWithoutPluginDeadLettersAtOnce() throws Exception {
        String id = send(ProcessFixtures.FAST, rule("r1", action("S3Action", "Id", "s1"), action("NoSuchAction")));
        DeadLetter dead = h.awaitDead(id);
        assertThat(dead.reason()).contains("no action plugin for type NoSuchAction").contains("rule 'r1'");
        assertThat(h.plugin("S3Action").calls("s1")).isEqualTo(1);
        assertThat(h.status(id).actions().get(0).state()).isEqualTo(ActionStatus.State.DONE);
    }
}

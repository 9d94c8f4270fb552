package io.inlet.engine.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inlet.engine.verdicts.VerdictService;
import io.inlet.rules.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** At-least-once through the journal: a new processor on the same spool resumes where the last one stopped. */
class ProcessorResumeTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    // retries would only come after the restart
    private static final ProcessingSettings SLOW_RETRY = new ProcessingSettings(2, Duration.ofHours(1),
            Duration.ofHours(1), Duration.ofHours(24));

    @TempDir
    Path dir;
    private ProcessorHarness h;
    private final AtomicInteger verdictCalls = new AtomicInteger();

    @AfterEach
    void tearDown() {
        h.close();
    }

    private VerdictService countingVerdicts() {
        return (envelope, message, scan) -> {
            verdictCalls.incrementAndGet();
            return ProcessFixtures.PASSING;
        };
    }

    @Test
    void doneActionsAreNotRunAgainTheirOutcomeAndHeadersStillApply() throws Exception {
        h = new ProcessorHarness(dir, SLOW_RETRY, countingVerdicts()).start();
        String id = h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com")),
                tenant("111",
                        plan(0, rule("r1",
                                action("AddHeaderAction", "Id", "x", "Header", "X-From-R1", "HeaderValue", "kept"),
                                action("LambdaAction", "Id", "y", "Outcome", "STOP_RULE"),
                                action("S3Action", "Id", "z"))),
                        plan(1, rule("r2", action("SNSAction", "Id", "f", "FailTimes", "1", "Notify", "NONE")))));
        await().until(() -> h.status(id).attempts() == 1);
        String firstReceived = h.status(id).inletHeaders().get(1).value();

        h.restart(Duration.ofSeconds(5));
        h.awaitDone(id);

        assertThat(h.trail).containsExactly("x", "y", "f", "f");
        assertThat(h.plugin("S3Action").calls("z")).isZero(); // the recorded STOP_RULE still skips it
        TestPlugin.Seen f = h.plugin("SNSAction").seen("f");
        assertThat(f.message()).startsWith("X-From-R1: kept\r\nReturn-Path: ");
        JsonNode mail = JSON.readTree(f.notification()).get("mail");
        assertThat(ProcessorRulesTest.headerNames(mail)).contains("X-From-R1");
        assertThat(mail.get("headers").get(2).get("value").asText()).isEqualTo(firstReceived); // below X-From-R1, Return-Path
        assertThat(verdictCalls).hasValue(1); // verdicts journaled, not recomputed after the restart
    }

    @Test
    void anActionInterruptedByShutdownRunsAgainAfterRestart() throws Exception {
        h = new ProcessorHarness(dir, SLOW_RETRY, countingVerdicts());
        CountDownLatch never = new CountDownLatch(1);
        h.plugin("SNSAction").behaviour = (spec, context, call) -> {
            if (call == 1) {
                never.await(); // until the shutdown interrupts it: a crash mid-action
            }
            return ActionOutcome.CONTINUE;
        };
        h.start();
        String id = h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com")),
                tenant("111", plan(0, rule("r1", action("S3Action", "Id", "a1"), action("SNSAction", "Id", "a2"),
                        action("LambdaAction", "Id", "a3")))));
        await().until(() -> h.plugin("SNSAction").calls("a2") == 1);

        h.restart(Duration.ofMillis(50));
        h.awaitDone(id);

        assertThat(h.trail).containsExactly("a1", "a2", "a2", "a3");
        assertThat(h.spool.queued()).doesNotContain(id);
        assertThat(h.spool.deadLetters()).isEmpty();
    }

    @Test
    void statusShowsVerdictsHeadersAndEachAction() throws Exception {
        h = new ProcessorHarness(dir, SLOW_RETRY, countingVerdicts()).start();
        String id = h.send(ProcessFixtures.MESSAGE, envelope("alice@sender.example", List.of("bob@example.com")),
                tenant("111", plan(0, rule("r1", action("StopAction", "Id", "s", "Outcome", "STOP_RULE_SET"),
                        action("S3Action", "Id", "skipped"))), plan(1, rule("r2", action("S3Action", "Id", "never")))),
                tenant("222", plan(0, rule("r3", action("SNSAction", "Id", "b", "FailTimes", "5")))));
        await().until(() -> h.status(id).attempts() == 1);
        ProcessingStatus status = h.status(id);
        assertThat(status.verdicts()).isEqualTo(ProcessFixtures.PASSING);
        assertThat(status.inletHeaders()).extracting(io.inlet.engine.verdicts.Header::name)
                .containsExactly("Return-Path", "Received", "Received-SPF", "Authentication-Results");
        assertThat(status.actions()).extracting(ActionStatus::type, ActionStatus::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple("StopAction", ActionStatus.State.DONE),
                org.assertj.core.groups.Tuple.tuple("S3Action", ActionStatus.State.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("S3Action", ActionStatus.State.SKIPPED),
                org.assertj.core.groups.Tuple.tuple("SNSAction", ActionStatus.State.FAILING));
        ActionStatus stop = status.actions().get(0);
        assertThat(stop.outcome()).isEqualTo(ActionOutcome.STOP_RULE_SET);
        assertThat(stop.attempts()).isEqualTo(1);
        assertThat(stop.finishedAt()).isNotNull();
        assertThat(stop.millis()).isNotNull();
        assertThat(status.actions().get(3).lastError()).contains("boom 1");
        assertThat(status.actions().get(3).accountId()).isEqualTo("222");
    }
}

package io.inlet.engine.process;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code inlet.actions.*} meters after known runs: outcomes, failures, retries, a dead letter, latency. */
class ProcessorMetricsTest {

    @TempDir
    Path dir;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private ProcessorHarness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void executionsByTypeAndOutcomeRetriesDeadLettersAndLatency() throws Exception {
        h = new ProcessorHarness(dir, ProcessFixtures.FAST, ProcessFixtures.fixed(ProcessFixtures.PASSING));
        h.plugin("CustomAction").behaviour = (spec, context, call) -> {
            throw new UnsupportedOperationException("permanent"); // dead-letters at once
        };
        h.processor = new MessageProcessor(h.spool, ProcessFixtures.fixed(ProcessFixtures.PASSING), h.pluginMap(),
                ProcessFixtures.FAST, Clock.systemUTC(), registry);
        h.processor.start();

        String done = h.send(ProcessFixtures.MESSAGE, envelope("a@sender.example", List.of("bob@example.com")),
                tenant("111",
                        plan(0, rule("r1", action("S3Action", "Id", "s3"),
                                action("SNSAction", "Id", "sns", "FailTimes", "2"),
                                action("LambdaAction", "Id", "lambda", "Outcome", "STOP_RULE"),
                                action("AddHeaderAction", "Id", "skipped"))),
                        plan(1, rule("r2", action("StopAction", "Id", "stop", "Outcome", "STOP_RULE_SET"))),
                        plan(2, rule("r3", action("S3Action", "Id", "never")))));
        h.awaitDone(done);
        String dead = h.send(ProcessFixtures.MESSAGE, envelope("a@sender.example", List.of("bob@example.com")),
                tenant("111", plan(0, rule("r1", action("CustomAction", "Id", "custom")))));
        h.awaitDead(dead);

        assertThat(executions()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "S3Action/continue", 1L,
                "SNSAction/failed", 2L,
                "SNSAction/continue", 1L,
                "LambdaAction/stop_rule", 1L,
                "StopAction/stop_rule_set", 1L,
                "CustomAction/failed", 1L));
        assertThat(registry.get(ProcessingMetrics.RETRIES).counter().count()).isEqualTo(2);
        // counted just after the spool operation the awaits above watch
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(registry.get(ProcessingMetrics.DEAD_LETTERS).counter().count()).isEqualTo(1);
            assertThat(registry.get(ProcessingMetrics.LATENCY).timer().count()).isEqualTo(1);
            assertThat(registry.get(ProcessingMetrics.IN_FLIGHT).gauge().value()).isZero();
        });
    }

    private Map<String, Long> executions() {
        java.util.Map<String, Long> found = new java.util.TreeMap<>();
        for (Timer timer : registry.get(ProcessingMetrics.EXECUTIONS).timers()) {
            found.put(timer.getId().getTag("type") + "/" + timer.getId().getTag("outcome"), timer.count());
        }
        return found;
    }
}

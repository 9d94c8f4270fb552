package io.inlet.engine.process;

import io.inlet.engine.spool.Journal;
import io.inlet.engine.verdicts.Header;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.ActionPlugin;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * Runs one action member through its plugin and journals its completion (outcome, time, attempts
 * and the headers it added) — the record that makes a restart skip it. The record is written
 * deferred: it becomes durable with the journal's next forced write, which comes before the next
 * action runs or with a failure's record.
 */
final class ActionRunner {

    private final Map<String, ActionPlugin> plugins;
    private final Clock clock;
    private final ProcessingMetrics metrics;

    ActionRunner(Map<String, ActionPlugin> plugins, Clock clock) {
        this(plugins, clock, ProcessingMetrics.unregistered());
    }

    ActionRunner(Map<String, ActionPlugin> plugins, Clock clock, ProcessingMetrics metrics) {
        this.plugins = Map.copyOf(plugins);
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * @throws ActionFailure the plugin is missing (permanent) or threw
     * @throws IOException   the completion could not be written (the action will run again)
     */
    JournalRecords.ActionRecord run(ActionPosition position, ActionSpec spec, RuleContext context,
                                    MessageState state, Journal journal, FailureLog failures)
            throws ActionFailure, IOException {
        ActionPlugin plugin = plugins.get(spec.type());
        if (plugin == null) {
            metrics.execution(spec.type(), null, 0);
            throw new ActionFailure(position, spec.type(), context.ruleName(),
                    "no action plugin for type " + spec.type(), null, true);
        }
        long start = System.nanoTime();
        ActionOutcome outcome;
        try {
            outcome = plugin.execute(spec, context);
        } catch (Exception | LinkageError | AssertionError e) {
            metrics.execution(spec.type(), null, System.nanoTime() - start);
            state.discardPending();
            throw new ActionFailure(position, spec.type(), context.ruleName(), ActionFailure.errorText(e), e,
                    PermanentFailures.isPermanent(e));
        }
        long nanos = System.nanoTime() - start;
        metrics.execution(spec.type(), outcome == null ? ActionOutcome.CONTINUE : outcome, nanos);
        long millis = nanos / 1_000_000;
        List<Header> added = state.commitPending();
        JournalRecords.ActionRecord record = new JournalRecords.ActionRecord(
                outcome == null ? ActionOutcome.CONTINUE : outcome, millis,
                failures.consecutive(position) + 1, clock.instant().toString(), added);
        // deferred: made durable before the next action runs (RuleExecutor), or never needed when
        // the message leaves the queue right after (a crash first re-runs it: at-least-once)
        journal.putDeferred(position.key(), JournalRecords.write(record));
        return record;
    }
}

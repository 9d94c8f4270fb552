package io.inlet.engine.process;

import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.spool.Journal;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.spi.ActionOutcome;

import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Walks a message's plans: each tenant's rules in order, each rule's actions in order, each
 * action's members in model order. A member already journaled as done is not run again, but its
 * recorded outcome and added headers still apply, so a resumed walk behaves as the first one.
 * STOP_RULE skips the rest of the rule; STOP_RULE_SET ends that tenant's plan.
 */
final class RuleExecutor {

    private final ActionRunner runner;
    private final Clock clock;

    RuleExecutor(ActionRunner runner, Clock clock) {
        this.runner = runner;
        this.clock = clock;
    }

    RunSummary execute(MessageState state, Journal journal, FailureLog failures, BooleanSupplier stopping)
            throws ActionFailure, IOException, ProcessingStopped {
        state.beginWalk();
        RunSummary summary = new RunSummary();
        List<TenantPlan> plans = state.accepted().plans();
        for (int t = 0; t < plans.size(); t++) {
            TenantPlan tenant = plans.get(t);
            for (int r = 0; r < tenant.rules().size(); r++) {
                ActionOutcome outcome = runRule(t, r, tenant, state, journal, failures, stopping, summary);
                if (outcome == ActionOutcome.STOP_RULE_SET) {
                    break;
                }
            }
        }
        return summary;
    }

    /** Runs one rule; returns STOP_RULE_SET when the tenant's plan must end, else CONTINUE. */
    private ActionOutcome runRule(int t, int r, TenantPlan tenant, MessageState state, Journal journal,
                                  FailureLog failures, BooleanSupplier stopping, RunSummary summary)
            throws ActionFailure, IOException, ProcessingStopped {
        RulePlan rule = tenant.rules().get(r);
        RuleContext context = new RuleContext(state, tenant, rule, clock);
        summary.rule(tenant.accountId(), tenant.ruleSetName(), rule.rule().name());
        List<ReceiptAction> actions = rule.rule().actions();
        for (int a = 0; a < actions.size(); a++) {
            ReceiptAction action = actions.get(a);
            for (int m : MemberOrder.runOrder(action)) {
                ActionPosition position = new ActionPosition(t, r, a, m);
                ActionSpec spec = action.members().get(m);
                ActionOutcome outcome = runMember(position, spec, context, state, journal, failures, stopping, summary);
                if (outcome == ActionOutcome.STOP_RULE) {
                    return ActionOutcome.CONTINUE;
                }
                if (outcome == ActionOutcome.STOP_RULE_SET) {
                    return ActionOutcome.STOP_RULE_SET;
                }
            }
        }
        return ActionOutcome.CONTINUE;
    }

    private ActionOutcome runMember(ActionPosition position, ActionSpec spec, RuleContext context, MessageState state,
                                    Journal journal, FailureLog failures, BooleanSupplier stopping,
                                    RunSummary summary) throws ActionFailure, IOException, ProcessingStopped {
        Optional<JournalRecords.ActionRecord> done = journal.get(position.key()).map(JournalRecords::action);
        if (done.isPresent()) {
            state.replayAdded(done.get().headers());
            summary.action(spec.type(), done.get().outcome(), done.get().millis(), true);
            return done.get().outcome();
        }
        if (stopping.getAsBoolean()) {
            throw new ProcessingStopped();
        }
        // the previous action's deferred record becomes durable before this one acts: a crash
        // never re-runs more than the last action, and a resumed walk stays in order
        journal.sync();
        JournalRecords.ActionRecord record = runner.run(position, spec, context, state, journal, failures);
        summary.action(spec.type(), record.outcome(), record.millis(), false);
        return record.outcome();
    }
}

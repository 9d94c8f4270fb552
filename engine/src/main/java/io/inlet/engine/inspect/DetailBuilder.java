package io.inlet.engine.inspect;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.process.ActionStatus;
import io.inlet.engine.process.ProcessingStatus;
import io.inlet.engine.spool.DeadLetter;
import io.inlet.engine.spool.SpoolState;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptRule;

import java.util.ArrayList;
import java.util.List;

/**
 * Folds a message's processing status into its captured plans, so each rule shows its own actions
 * with their outcome (the status lists every action flat, in run order, by position).
 */
final class DetailBuilder {

    private DetailBuilder() {
    }

    static MessageDetail build(AcceptedMessage accepted, SpoolState state, ProcessingStatus status,
                               DeadLetter deadLetter) {
        List<TenantView> plans = new ArrayList<>();
        for (int t = 0; t < accepted.plans().size(); t++) {
            TenantPlan tenant = accepted.plans().get(t);
            List<RuleView> rules = new ArrayList<>();
            for (int r = 0; r < tenant.rules().size(); r++) {
                rules.add(rule(tenant.rules().get(r), actions(tenant.rules().get(r), t, r, status)));
            }
            plans.add(new TenantView(tenant.accountId(), tenant.region(), tenant.ruleSetName(), rules));
        }
        ProcessingView processing = new ProcessingView(status.verdicts(), status.inletHeaders(), status.attempts(),
                status.lastError(), status.lastErrorAt(), status.deadLetteredAt());
        return new MessageDetail(accepted.messageId(), state, accepted.size(), accepted.envelope().receivedAt(),
                accepted.snapshotVersion(), accepted.envelope(), plans, processing, deadLetter);
    }

    private static RuleView rule(RulePlan plan, List<ActionView> actions) {
        ReceiptRule rule = plan.rule();
        return new RuleView(plan.index(), rule.name(), rule.enabled(), rule.tlsPolicy(), rule.scanEnabled(),
                rule.recipients(), plan.recipients(), actions);
    }

    private static List<ActionView> actions(RulePlan plan, int tenant, int rule, ProcessingStatus status) {
        List<ActionView> out = new ArrayList<>();
        for (ActionStatus a : status.actions()) {
            if (a.position().tenant() != tenant || a.position().rule() != rule) {
                continue;
            }
            ActionSpec spec = plan.rule().actions().get(a.position().action()).members().get(a.position().member());
            out.add(new ActionView(a.position(), spec.type(), spec.parameters(), a.state(), a.outcome(), a.millis(),
                    a.attempts(), a.finishedAt(), a.lastError()));
        }
        return out;
    }
}

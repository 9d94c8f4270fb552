package io.inlet.engine.process;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.spool.Journal;
import io.inlet.engine.verdicts.Header;
import io.inlet.engine.verdicts.Verdicts;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.spi.ActionOutcome;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds a {@link ProcessingStatus} by walking the plans the way {@link RuleExecutor} does, without running anything. */
final class StatusReader {

    private StatusReader() {
    }

    static ProcessingStatus read(AcceptedMessage accepted, Journal journal) {
        Optional<JournalRecords.ErrorRecord> error = journal.get(JournalKeys.LAST_ERROR).map(JournalRecords::error);
        List<ActionStatus> actions = new ArrayList<>();
        List<TenantPlan> plans = accepted.plans();
        for (int t = 0; t < plans.size(); t++) {
            TenantPlan tenant = plans.get(t);
            boolean tenantStopped = false;
            for (int r = 0; r < tenant.rules().size(); r++) {
                RulePlan rule = tenant.rules().get(r);
                boolean ruleStopped = tenantStopped;
                List<ReceiptAction> entries = rule.rule().actions();
                for (int a = 0; a < entries.size(); a++) {
                    for (int m : MemberOrder.runOrder(entries.get(a))) {
                        ActionPosition p = new ActionPosition(t, r, a, m);
                        ActionSpec spec = entries.get(a).members().get(m);
                        ActionStatus s = status(p, tenant, rule, spec, ruleStopped, journal, error);
                        actions.add(s);
                        if (s.outcome() == ActionOutcome.STOP_RULE) {
                            ruleStopped = true;
                        } else if (s.outcome() == ActionOutcome.STOP_RULE_SET) {
                            ruleStopped = true;
                            tenantStopped = true;
                        }
                    }
                }
            }
        }
        Verdicts verdicts = journal.get(JournalKeys.VERDICTS).map(JournalRecords::verdicts).orElse(null);
        List<Header> headers = journal.get(JournalKeys.HEADERS).map(JournalRecords::headers).orElse(List.of());
        int attempts = journal.get(JournalKeys.ATTEMPTS).map(Integer::parseInt).orElse(0);
        Instant dead = journal.get(JournalKeys.DEAD_LETTERED_AT).map(Instant::parse).orElse(null);
        return new ProcessingStatus(accepted.messageId(), verdicts, headers, actions, attempts,
                error.map(e -> e.type() + " (rule '" + e.rule() + "'): " + e.error()).orElse(null),
                error.map(e -> Instant.parse(e.at())).orElse(null), dead);
    }

    private static ActionStatus status(ActionPosition p, TenantPlan tenant, RulePlan rule, ActionSpec spec,
                                       boolean skipped, Journal journal,
                                       Optional<JournalRecords.ErrorRecord> error) {
        Optional<JournalRecords.ActionRecord> done = journal.get(p.key()).map(JournalRecords::action);
        if (done.isPresent()) {
            JournalRecords.ActionRecord d = done.get();
            return new ActionStatus(p, tenant.accountId(), tenant.ruleSetName(), rule.rule().name(), spec.type(),
                    ActionStatus.State.DONE, d.outcome(), d.millis(), d.attempts(), Instant.parse(d.finishedAt()), null);
        }
        if (skipped) {
            return new ActionStatus(p, tenant.accountId(), tenant.ruleSetName(), rule.rule().name(), spec.type(),
                    ActionStatus.State.SKIPPED, null, null, 0, null, null);
        }
        if (error.isPresent() && error.get().action().equals(p.key())) {
            return new ActionStatus(p, tenant.accountId(), tenant.ruleSetName(), rule.rule().name(), spec.type(),
                    ActionStatus.State.FAILING, null, null, error.get().attempts(), null, error.get().error());
        }
        return new ActionStatus(p, tenant.accountId(), tenant.ruleSetName(), rule.rule().name(), spec.type(),
                ActionStatus.State.PENDING, null, null, 0, null, null);
    }
}

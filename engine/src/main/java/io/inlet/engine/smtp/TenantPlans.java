package io.inlet.engine.smtp;

import io.inlet.engine.message.RulePlan;
import io.inlet.engine.message.TenantPlan;
import io.inlet.engine.snapshot.CompiledSnapshot;
import io.inlet.engine.snapshot.CompiledTenant;
import io.inlet.engine.snapshot.MatchedRule;
import io.inlet.engine.snapshot.TenantMatch;
import io.inlet.rules.ReceiptRule;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the accepted recipients' matches into the processing plans stored with a message: per
 * tenant (in configuration order), the rules that apply in rule-set order, each with the
 * recipients it matched in RCPT order (SES's {@code receipt.recipients} for that rule's actions).
 */
final class TenantPlans {

    /** One accepted recipient and the tenants/rules that took it. */
    record AcceptedRecipient(String address, List<TenantMatch> matches) {
    }

    private TenantPlans() {
    }

    static List<TenantPlan> of(CompiledSnapshot snapshot, List<AcceptedRecipient> recipients) {
        Map<CompiledTenant, TreeMap<Integer, RuleRecipients>> byTenant = new IdentityHashMap<>();
        for (AcceptedRecipient recipient : recipients) {
            for (TenantMatch match : recipient.matches()) {
                TreeMap<Integer, RuleRecipients> rules = byTenant.computeIfAbsent(match.tenant(), t -> new TreeMap<>());
                for (MatchedRule rule : match.rules()) {
                    rules.computeIfAbsent(rule.index(), i -> new RuleRecipients(rule.rule()))
                            .recipients.add(recipient.address());
                }
            }
        }
        List<TenantPlan> plans = new ArrayList<>();
        for (CompiledTenant tenant : snapshot.tenants()) {
            TreeMap<Integer, RuleRecipients> rules = byTenant.get(tenant);
            if (rules == null) {
                continue;
            }
            List<RulePlan> rulePlans = new ArrayList<>();
            rules.forEach((index, rule) -> rulePlans.add(new RulePlan(index, rule.rule, rule.recipients)));
            plans.add(new TenantPlan(tenant.accountId(), tenant.region(), tenant.ruleSetName().orElse(null), rulePlans));
        }
        return plans;
    }

    private static final class RuleRecipients {
        final ReceiptRule rule;
        final List<String> recipients = new ArrayList<>();

        RuleRecipients(ReceiptRule rule) {
            this.rule = rule;
        }
    }
}

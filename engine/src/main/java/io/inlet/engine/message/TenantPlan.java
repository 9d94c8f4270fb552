package io.inlet.engine.message;

import java.util.List;

/**
 * What one account's active rule set does with a message: its applying rules in rule-set order.
 * Several accounts may receive for one domain; each tenant's plan runs on its own, and a
 * STOP_RULE_SET ends only that tenant's plan.
 */
public record TenantPlan(String accountId, String region, String ruleSetName, List<RulePlan> rules) {
    public TenantPlan {
        rules = List.copyOf(rules);
    }
}

package io.inlet.engine.inspect;

import java.util.List;

/** What one account's active rule set does with the message: its applying rules in order. */
public record TenantView(String accountId, String region, String ruleSetName, List<RuleView> rules) {
    public TenantView {
        rules = List.copyOf(rules);
    }
}

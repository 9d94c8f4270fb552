package io.inlet.config.receipt;

/**
 * The receiving quotas the control plane enforces per account and region. Defaults are SES's
 * current quotas (SES-RECEIVING.md §5); every value is configurable. Recipients per rule are not
 * limited, as probed against SES (101 accepted).
 *
 * @param ruleSets       rule sets per account and region (SES: 40)
 * @param rulesPerSet    rules in one rule set (SES: 200)
 * @param actionsPerRule actions in one rule (SES: 10)
 * @param filters        IP address filters per account and region (SES: 100)
 */
public record ReceiptLimits(int ruleSets, int rulesPerSet, int actionsPerRule, int filters) {

    public ReceiptLimits {
        if (ruleSets < 1 || rulesPerSet < 1 || actionsPerRule < 1 || filters < 1) {
            throw new IllegalArgumentException("receipt limits must be at least 1: " + ruleSets + ", "
                    + rulesPerSet + ", " + actionsPerRule + ", " + filters);
        }
    }

    public static ReceiptLimits defaults() {
        return new ReceiptLimits(40, 200, 10, 100);
    }

    public ReceiptLimits withRuleSets(int value) {
        return new ReceiptLimits(value, rulesPerSet, actionsPerRule, filters);
    }

    public ReceiptLimits withRulesPerSet(int value) {
        return new ReceiptLimits(ruleSets, value, actionsPerRule, filters);
    }

    public ReceiptLimits withActionsPerRule(int value) {
        return new ReceiptLimits(ruleSets, rulesPerSet, value, filters);
    }

    public ReceiptLimits withFilters(int value) {
        return new ReceiptLimits(ruleSets, rulesPerSet, actionsPerRule, value);
    }
}

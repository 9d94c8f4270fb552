package io.inlet.engine.message;

import io.inlet.rules.ReceiptRule;

import java.util.List;

/**
 * One rule that applies to a message, captured from the snapshot at acceptance: its position in
 * the rule set, its full definition, and the accepted recipients it matched (SES's
 * {@code receipt.recipients} for its actions).
 */
public record RulePlan(int index, ReceiptRule rule, List<String> recipients) {
    public RulePlan {
        recipients = List.copyOf(recipients);
    }
}

package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptRule;

/**
 * A rule that matched a recipient. {@code index} is the rule's position in its rule set (disabled
 * rules included), so it names the rule stably within one snapshot and orders the rules as SES runs them.
 */
public record MatchedRule(int index, ReceiptRule rule) {
}

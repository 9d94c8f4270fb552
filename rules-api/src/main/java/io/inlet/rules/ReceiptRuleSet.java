package io.inlet.rules;

import java.time.Instant;
import java.util.List;

/** A named, ordered list of receipt rules. */
public record ReceiptRuleSet(String name, Instant createdTimestamp, List<ReceiptRule> rules) {
    public ReceiptRuleSet {
        rules = List.copyOf(rules);
    }
}

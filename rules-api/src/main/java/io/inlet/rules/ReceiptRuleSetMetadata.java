package io.inlet.rules;

import java.time.Instant;

/** SES {@code ReceiptRuleSetMetadata}: a rule set's name and creation time. */
public record ReceiptRuleSetMetadata(String name, Instant createdTimestamp) {
}

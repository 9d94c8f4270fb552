package io.inlet.rules;

/** SES {@code ReceiptFilter}: a named IP address filter, account- and region-wide. */
public record ReceiptFilter(String name, FilterPolicy policy, String cidr) {
}

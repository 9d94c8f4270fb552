package io.inlet.rules;

/** SES {@code ReceiptFilterPolicy}. When a client IP matches both kinds, any Allow wins. */
public enum FilterPolicy {
    Block,
    Allow
}

package io.inlet.rules;

import java.util.List;
import java.util.Objects;

/** SES {@code ReceiptRule}. Recipients are kept as the API returns them (sorted); actions in order. */
public record ReceiptRule(
        String name,
        boolean enabled,
        TlsPolicy tlsPolicy,
        boolean scanEnabled,
        List<String> recipients,
        List<ReceiptAction> actions) {

    public ReceiptRule {
        Objects.requireNonNull(name, "name");
        tlsPolicy = tlsPolicy == null ? TlsPolicy.Optional : tlsPolicy;
        recipients = List.copyOf(recipients);
        actions = List.copyOf(actions);
    }
}

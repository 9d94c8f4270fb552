package io.inlet.rules;

import java.util.List;

/**
 * The whole receiving configuration at one store version: what the control plane hands to the
 * data plane. Immutable; a new instance is published after every committed change.
 */
public record ReceiptConfiguration(long version, List<TenantConfiguration> tenants) {
    public ReceiptConfiguration {
        tenants = List.copyOf(tenants);
    }

    public static ReceiptConfiguration empty() {
        return new ReceiptConfiguration(0, List.of());
    }
}

package io.inlet.rules;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What receiving needs from one account in one region: its active rule set (if any), its IP
 * filters and its verified domains (lower case). Plain data; the engine compiles it.
 */
public record TenantConfiguration(
        String accountId,
        String region,
        Optional<ReceiptRuleSet> activeRuleSet,
        List<ReceiptFilter> filters,
        Set<String> verifiedDomains) {

    public TenantConfiguration {
        filters = List.copyOf(filters);
        verifiedDomains = Set.copyOf(verifiedDomains);
    }
}

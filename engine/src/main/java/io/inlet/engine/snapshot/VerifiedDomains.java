package io.inlet.engine.snapshot;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A tenant's verified domains. A domain is receivable when it, or a parent domain (whole labels,
 * so {@code notexample.com} is not under {@code example.com}), is verified (SES-RECEIVING.md Part 1).
 */
final class VerifiedDomains {

    private final Set<String> domains;

    VerifiedDomains(Set<String> domains) {
        // The contract says lower case already; lower-casing again costs nothing and guards the gate.
        this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    /** {@code domain} must already be lower case. */
    boolean covers(String domain) {
        for (String d = domain; d != null; d = DomainNames.parent(d)) {
            if (domains.contains(d)) {
                return true;
            }
        }
        return false;
    }
}

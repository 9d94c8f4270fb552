package io.inlet.engine.snapshot;

import java.util.List;

/** The rules of one tenant that took a recipient, in rule-set order (never empty). */
public record TenantMatch(CompiledTenant tenant, List<MatchedRule> rules) {
    public TenantMatch {
        rules = List.copyOf(rules);
    }
}

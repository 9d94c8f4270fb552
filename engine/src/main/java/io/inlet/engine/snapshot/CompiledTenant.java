package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;

import java.util.List;
import java.util.Optional;

/** One account in one region, compiled: its IP filters, its recipient matcher and its active rules in order. */
public final class CompiledTenant {

    private final String accountId;
    private final String region;
    private final Optional<String> ruleSetName;
    private final List<ReceiptRule> rules;
    private final CidrIndex filters;
    private final RecipientMatcher matcher;

    CompiledTenant(TenantConfiguration tenant) {
        this.accountId = tenant.accountId();
        this.region = tenant.region();
        this.ruleSetName = tenant.activeRuleSet().map(ReceiptRuleSet::name);
        this.rules = tenant.activeRuleSet().map(ReceiptRuleSet::rules).orElse(List.of());
        this.filters = new CidrIndex(tenant.filters());
        this.matcher = RecipientMatcher.of(tenant);
    }

    public String accountId() {
        return accountId;
    }

    public String region() {
        return region;
    }

    /** The active rule set's name; empty when the tenant has no active set (it receives nothing). */
    public Optional<String> ruleSetName() {
        return ruleSetName;
    }

    /** All rules of the active set in order, disabled ones included ({@link MatchedRule#index()} points here). */
    public List<ReceiptRule> rules() {
        return rules;
    }

    public CidrIndex filters() {
        return filters;
    }

    public RecipientMatcher matcher() {
        return matcher;
    }

    @Override
    public String toString() {
        return accountId + "/" + region;
    }
}

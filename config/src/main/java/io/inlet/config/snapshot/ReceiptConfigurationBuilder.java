package io.inlet.config.snapshot;

import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what receiving needs out of one store transaction, so the whole configuration is one
 * consistent version: per scope, the active rule set with its rules, the IP filters and the
 * Success domain identities.
 */
public final class ReceiptConfigurationBuilder {
    private static final String SUCCESS = "Success";

    private ReceiptConfigurationBuilder() {
    }

    public static ReceiptConfiguration build(StoreTransaction tx) {
        List<TenantConfiguration> tenants = new ArrayList<>();
        for (Scope scope : tx.scopes()) {
            tenants.add(tenant(tx, scope));
        }
        return new ReceiptConfiguration(tx.version(), tenants);
    }

    private static TenantConfiguration tenant(StoreTransaction tx, Scope scope) {
        Optional<ReceiptRuleSet> active = tx.activeRuleSet(scope)
                .flatMap(name -> tx.ruleSet(scope, name))
                .map(meta -> new ReceiptRuleSet(meta.name(), meta.createdTimestamp(), tx.rules(scope, meta.name())));
        Set<String> domains = new HashSet<>();
        for (IdentityRecord identity : tx.identities(scope)) {
            if (identity.isDomain() && SUCCESS.equals(identity.status())) {
                domains.add(identity.identity().toLowerCase(Locale.ROOT));
            }
        }
        return new TenantConfiguration(scope.accountId(), scope.region(), active, tx.filters(scope), domains);
    }
}

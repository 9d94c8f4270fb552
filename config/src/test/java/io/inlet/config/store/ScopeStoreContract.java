package io.inlet.config.store;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The store contract for scopes: which (account, region) pairs hold anything, and their isolation. */
public abstract class ScopeStoreContract extends StoreContract {

    @Test
    void scopesAreTheDistinctPairsHoldingAnything() {
        assertThat(scopes()).isEmpty();
        Scope onlyFilter = new Scope("333333333333", "ap-south-1");
        Scope onlyIdentity = new Scope("444444444444", "us-west-2");
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.insertFilter(onlyFilter, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.upsertIdentity(onlyIdentity, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
        });

        assertThat(scopes()).containsExactlyInAnyOrder(US, onlyFilter, onlyIdentity);
    }

    @Test
    void scopesAreIsolatedByRegionAndByAccount() {
        for (Scope scope : List.of(US, EU, OTHER_ACCOUNT)) {
            write(tx -> {
                tx.insertRuleSet(scope, "set", T0);
                tx.replaceRules(scope, "set", List.of(rule("rule-" + scope.region() + "-" + scope.accountId())));
                tx.insertFilter(scope, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
                tx.upsertIdentity(scope, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
            });
        }
        write(tx -> tx.setActiveRuleSet(EU, "set"));
        write(tx -> {
            tx.deleteRuleSet(US, "set");
            tx.deleteFilter(US, "f");
            tx.deleteIdentity(US, "example.com");
        });

        assertThat(ruleSets(US)).isEmpty();
        assertThat(activeRuleSet(EU)).contains("set");
        assertThat(activeRuleSet(OTHER_ACCOUNT)).isEmpty();
        for (Scope scope : List.of(EU, OTHER_ACCOUNT)) {
            assertThat(ruleSets(scope)).hasSize(1);
            assertThat(rules(scope, "set")).extracting(ReceiptRule::name)
                    .containsExactly("rule-" + scope.region() + "-" + scope.accountId());
            assertThat(filters(scope)).hasSize(1);
            assertThat(identities(scope)).hasSize(1);
        }
        assertThat(scopes()).containsExactlyInAnyOrder(EU, OTHER_ACCOUNT);
    }
}

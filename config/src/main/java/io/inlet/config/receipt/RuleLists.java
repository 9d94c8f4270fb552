package io.inlet.config.receipt;

import io.inlet.config.store.Scope;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.util.ArrayList;
import java.util.List;

/** Store-side lookups shared by the rule and rule set operations, with SES's errors. */
final class RuleLists {
    private RuleLists() {
    }

    static ReceiptRuleSetMetadata requireSet(StoreTransaction tx, Scope scope, String name) {
        return tx.ruleSet(scope, name).orElseThrow(() -> ReceiptErrors.ruleSetMissing(name));
    }

    /** The set's rules as a mutable copy, after checking that the set exists. */
    static List<ReceiptRule> rulesOf(StoreTransaction tx, Scope scope, String ruleSet) {
        requireSet(tx, scope, ruleSet);
        return new ArrayList<>(tx.rules(scope, ruleSet));
    }

    /** Position of the rule named {@code name}, or -1. Names are compared exactly, as SES does. */
    static int indexOf(List<ReceiptRule> rules, String name) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    static int requireIndex(List<ReceiptRule> rules, String name) {
        int index = indexOf(rules, name);
        if (index < 0) {
            throw ReceiptErrors.ruleMissing(name);
        }
        return index;
    }
}

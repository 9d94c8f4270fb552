package io.inlet.config.store;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract for receipt rule sets, the active set of a scope, and the rules of each set. */
public abstract class RuleSetStoreContract extends StoreContract {

    // --- rule sets ----------------------------------------------------------------------------

    @Test
    void ruleSetsAreListedInCreationOrderNotByNameOrTimestamp() {
        write(tx -> {
            tx.insertRuleSet(US, "b", T0.plusSeconds(10));
            tx.insertRuleSet(US, "a", T0);
        });
        write(tx -> tx.insertRuleSet(US, "c", T0.plusSeconds(5)));

        assertThat(ruleSets(US)).containsExactly(
                new ReceiptRuleSetMetadata("b", T0.plusSeconds(10)),
                new ReceiptRuleSetMetadata("a", T0),
                new ReceiptRuleSetMetadata("c", T0.plusSeconds(5)));
    }

    @Test
    void ruleSetLookupIsExactAndKeepsMilliseconds() {
        write(tx -> tx.insertRuleSet(US, "Set", T0));

        assertThat(ruleSet(US, "Set")).contains(new ReceiptRuleSetMetadata("Set", T0));
        assertThat(ruleSet(US, "set")).isEmpty();
        assertThat(ruleSet(US, "Set ")).isEmpty();
        assertThat(ruleSet(US, "missing")).isEmpty();
    }

    @Test
    void duplicateRuleSetIsAStoreExceptionAndRollsBackTheWholeWrite() {
        write(tx -> tx.insertRuleSet(US, "dup", T0));
        long before = version();

        assertThatThrownBy(() -> write(tx -> {
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.0/8"));
            tx.insertRuleSet(US, "dup", T0);
        })).isInstanceOf(StoreException.class);

        assertThat(filters(US)).isEmpty();
        assertThat(ruleSets(US)).hasSize(1);
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void namesDifferingOnlyInCaseAreDistinct() {
        write(tx -> {
            tx.insertRuleSet(US, "set", T0);
            tx.insertRuleSet(US, "SET", T0);
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.insertFilter(US, new ReceiptFilter("F", FilterPolicy.Allow, "10.0.0.2"));
        });

        assertThat(ruleSets(US)).extracting(ReceiptRuleSetMetadata::name).containsExactly("set", "SET");
        assertThat(filters(US)).extracting(ReceiptFilter::name).containsExactly("F", "f");
    }

    @Test
    void deleteRuleSetRemovesItsRulesAndItsActiveState() {
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.insertRuleSet(US, "keep", T0);
            tx.replaceRules(US, "s", List.of(rule("r1"), rule("r2")));
            tx.replaceRules(US, "keep", List.of(rule("r1")));
            tx.setActiveRuleSet(US, "s");
        });

        write(tx -> tx.deleteRuleSet(US, "s"));

        assertThat(ruleSet(US, "s")).isEmpty();
        assertThat(activeRuleSet(US)).isEmpty();
        assertThat(rules(US, "s")).isEmpty();
        assertThat(rules(US, "keep")).containsExactly(rule("r1"));
        // A set re-created under the same name starts empty: no orphaned rules came back.
        write(tx -> tx.insertRuleSet(US, "s", T0));
        assertThat(rules(US, "s")).isEmpty();
        assertThat(activeRuleSet(US)).isEmpty();
    }

    @Test
    void deletingSomethingAbsentIsANoOpAndNoNewVersion() {
        long before = version();

        write(tx -> {
            tx.deleteRuleSet(US, "nope");
            tx.deleteFilter(US, "nope");
            tx.deleteIdentity(US, "nope.example.com");
        });

        assertThat(version()).isEqualTo(before);
    }

    @Test
    void onlyOneRuleSetIsActivePerScope() {
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
        });
        assertThat(activeRuleSet(US)).isEmpty();

        write(tx -> tx.setActiveRuleSet(US, "a"));
        assertThat(activeRuleSet(US)).contains("a");

        write(tx -> tx.setActiveRuleSet(US, "b"));
        assertThat(activeRuleSet(US)).contains("b");
        assertThat(ruleSets(US)).hasSize(2);

        write(tx -> tx.setActiveRuleSet(US, null));
        assertThat(activeRuleSet(US)).isEmpty();
    }

    @Test
    void activatingAnUnknownSetFailsAndKeepsTheActiveOne() {
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.setActiveRuleSet(US, "a");
        });

        assertThatThrownBy(() -> write(tx -> tx.setActiveRuleSet(US, "A"))).isInstanceOf(StoreException.class);

        assertThat(activeRuleSet(US)).contains("a");
    }

    // --- rules --------------------------------------------------------------------------------

    @Test
    void ruleWithEveryActionTypeRoundTripsWithAllOrdersKept() {
        ReceiptRule full = everyActionRule();
        ReceiptRule minimal = new ReceiptRule("minimal", true, null, false, List.of(), List.of());
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.replaceRules(US, "s", List.of(full, minimal));
        });

        List<ReceiptRule> rules = rules(US, "s");

        assertThat(rules).hasSize(2);
        assertSameOrder(rules.get(0), full);
        assertThat(rules.get(1)).isEqualTo(minimal);
        assertThat(rules.get(1).tlsPolicy()).isEqualTo(TlsPolicy.Optional);
    }

    @Test
    void replaceRulesKeepsTheGivenOrderEachTime() {
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.replaceRules(US, "s", List.of(rule("a"), rule("b"), rule("c")));
        });
        assertThat(rules(US, "s")).extracting(ReceiptRule::name).containsExactly("a", "b", "c");

        write(tx -> tx.replaceRules(US, "s", List.of(rule("c"), rule("x"), rule("a"))));
        assertThat(rules(US, "s")).extracting(ReceiptRule::name).containsExactly("c", "x", "a");

        write(tx -> tx.replaceRules(US, "s", List.of()));
        assertThat(rules(US, "s")).isEmpty();
    }

    @Test
    void ruleNamesAreUniqueWithinASetOnly() {
        write(tx -> {
            tx.insertRuleSet(US, "s1", T0);
            tx.insertRuleSet(US, "s2", T0);
            tx.replaceRules(US, "s1", List.of(rule("r")));
            tx.replaceRules(US, "s2", List.of(rule("r")));
        });

        assertThatThrownBy(() -> write(tx -> tx.replaceRules(US, "s1", List.of(rule("x"), rule("x")))))
                .isInstanceOf(StoreException.class);

        assertThat(rules(US, "s1")).containsExactly(rule("r"));
        assertThat(rules(US, "s2")).containsExactly(rule("r"));
    }

    @Test
    void rulesOfAnUnknownSetAreRefused() {
        assertThatThrownBy(() -> write(tx -> tx.replaceRules(US, "ghost", List.of(rule("r")))))
                .isInstanceOf(StoreException.class);
        assertThat(rules(US, "ghost")).isEmpty();
    }
}

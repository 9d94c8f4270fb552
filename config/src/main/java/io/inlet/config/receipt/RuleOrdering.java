package io.inlet.config.receipt;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.rules.ReceiptRule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SetReceiptRulePosition and ReorderReceiptRuleSet; a failed call never changes the order. */
final class RuleOrdering {
    /** The Smithy length cap of a RuleNames member (probed; not the 64 of the name checks). */
    private static final int MAX_RULE_NAMES_MEMBER = 100;

    private final Store store;

    RuleOrdering(Store store) {
        this.store = store;
    }

    /**
     * Moves a rule right after {@code After}, or to the front without it (G-RR-16). Precedence:
     * set, rule, then After; After naming the rule itself succeeds and changes nothing.
     */
    void setPosition(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        String ruleSet = Names.ruleSetName(params);
        String name = Names.required(params, "RuleName");
        String after = params.get("After");
        new ShapeViolations().name(name, "ruleName").name(after, "after").throwIfAny();
        Names.checkRuleName(name);
        Scope scope = request.scope();
        store.write(tx -> {
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
            int from = RuleLists.requireIndex(rules, name);
            if (name.equals(after)) {
                return null;
            }
            if (after != null) {
                RuleLists.requireIndex(rules, after);
            }
            ReceiptRule moved = rules.remove(from);
            int to = after == null ? 0 : RuleLists.indexOf(rules, after) + 1;
            rules.add(to, moved);
            tx.replaceRules(scope, ruleSet, rules);
            return null;
        });
    }

    /**
     * Applies a full permutation. Precedence (G-RS-11): the RuleSetName and RuleNames pattern
     * violations together, the RuleSetName service layer, set existence, a duplicated name (even
     * an unknown one), the set's rules missing from the request (in set order), then the first
     * unknown name in request order.
     */
    void reorder(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        List<String> names = WireLists.paddedStrings(params, "RuleNames");
        String ruleSet = Names.required(params, "RuleSetName");
        ShapeViolations violations = new ShapeViolations().name(ruleSet, "ruleSetName");
        if (names == null) {
            violations.add(ReceiptErrors.notNull("ruleNames"));
        } else if (names.stream().anyMatch(RuleOrdering::badMember)) {
            violations.add(ReceiptErrors.ruleNamesMember());
        }
        violations.throwIfAny();
        Names.checkRuleSetName(ruleSet);
        Scope scope = request.scope();
        store.write(tx -> {
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
            tx.replaceRules(scope, ruleSet, permute(rules, names));
            return null;
        });
    }

    private static boolean badMember(String name) {
        return name.isEmpty() || name.length() > MAX_RULE_NAMES_MEMBER || !Names.matchesPattern(name);
    }

    private static List<ReceiptRule> permute(List<ReceiptRule> rules, List<String> names) {
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (positions.putIfAbsent(names.get(i), i) != null) {
                throw ReceiptErrors.multiplePositions(names.get(i));
            }
        }
        List<String> missing = rules.stream().map(ReceiptRule::name).filter(n -> !positions.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw ReceiptErrors.positionsNotFound(missing);
        }
        for (String name : names) {
            RuleLists.requireIndex(rules, name);
        }
        List<ReceiptRule> reordered = new ArrayList<>(rules);
        reordered.sort((a, b) -> Integer.compare(positions.get(a.name()), positions.get(b.name())));
        return reordered;
    }
}

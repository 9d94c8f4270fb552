package io.inlet.config.receipt;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreTransaction;
import io.inlet.rules.ReceiptRule;

import java.util.List;

/**
 * Create, Update, Delete and DescribeReceiptRule. Create and Update check in SES's order
 * (G-RR-03): Query decoding, RuleSetName, rule shape (one ValidationError), rule name, recipients,
 * set existence, duplicate or missing rule, rules limit, After, actions limit and Stop placement,
 * then the plugins' target checks.
 *
 * <p>The target checks may call out (and the identity lookup reads the store), so they run
 * outside any transaction: the store-side checks run once read-only to keep the error order,
 * then again inside the one write transaction that stores the rule, so check and write are atomic.
 */
final class RuleOperations {
    private final Store store;
    private final RuleShape shape;
    private final ActionChecks actions;
    private final ReceiptLimits limits;

    RuleOperations(Store store, RuleShape shape, ActionChecks actions, ReceiptLimits limits) {
        this.store = store;
        this.shape = shape;
        this.actions = actions;
        this.limits = limits;
    }

    /** Inserts after {@code After}, or at the front without it (SES-RECEIVING.md §1.4). */
    void create(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        RuleInput input = RuleInput.parse(params);
        String ruleSet = Names.ruleSetName(params);
        String after = params.get("After");
        ShapeViolations violations = new ShapeViolations().name(after, "after");
        shape.collect(input, violations);
        violations.throwIfAny();
        ReceiptRule rule = validRule(input);
        Scope scope = request.scope();
        store.read(tx -> insertion(tx, scope, ruleSet, rule.name(), after));
        actions.checkList(rule);
        actions.validateTargets(scope, ruleSet, rule);
        store.write(tx -> {
            Insertion at = insertion(tx, scope, ruleSet, rule.name(), after);
            at.rules().add(at.index(), rule);
            tx.replaceRules(scope, ruleSet, at.rules());
            return null;
        });
    }

    /** A full replace in place: omitted members revert to their defaults; cannot rename. */
    void update(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        RuleInput input = RuleInput.parse(params);
        String ruleSet = Names.ruleSetName(params);
        ShapeViolations violations = new ShapeViolations();
        shape.collect(input, violations);
        violations.throwIfAny();
        ReceiptRule rule = validRule(input);
        Scope scope = request.scope();
        store.read(tx -> RuleLists.requireIndex(RuleLists.rulesOf(tx, scope, ruleSet), rule.name()));
        actions.checkList(rule);
        actions.validateTargets(scope, ruleSet, rule);
        store.write(tx -> {
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
            rules.set(RuleLists.requireIndex(rules, rule.name()), rule);
            tx.replaceRules(scope, ruleSet, rules);
            return null;
        });
    }

    /** Needs the set; a missing rule is success (probed). */
    void delete(ApiRequest request, XmlWriter out) {
        String ruleSet = Names.ruleSetName(request.params());
        String name = Names.ruleName(request.params());
        Scope scope = request.scope();
        store.write(tx -> {
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
            if (rules.removeIf(r -> r.name().equals(name))) {
                tx.replaceRules(scope, ruleSet, rules);
            }
            return null;
        });
    }

    void describe(ApiRequest request, XmlWriter out) {
        String ruleSet = Names.ruleSetName(request.params());
        String name = Names.ruleName(request.params());
        Scope scope = request.scope();
        ReceiptRule rule = store.read(tx -> {
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
            return rules.get(RuleLists.requireIndex(rules, name));
        });
        ReceiptXml.rule(out, "Rule", rule);
    }

    // The service-level checks that need no store: the rule name, then the recipients.
    private ReceiptRule validRule(RuleInput input) {
        Names.checkRuleName(input.name());
        return shape.build(input);
    }

    private Insertion insertion(StoreTransaction tx, Scope scope, String ruleSet, String name, String after) {
        List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, ruleSet);
        if (RuleLists.indexOf(rules, name) >= 0) {
            throw ReceiptErrors.ruleExists(name);
        }
        if (rules.size() >= limits.rulesPerSet()) {
            throw ReceiptErrors.tooManyRules();
        }
        int index = after == null ? 0 : RuleLists.requireIndex(rules, after) + 1;
        return new Insertion(rules, index);
    }

    private record Insertion(List<ReceiptRule> rules, int index) {
    }
}

package io.inlet.config.receipt;

import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The rule set operations: Create, Clone, Delete, Describe, DescribeActive, List and
 * SetActive (Reorder is with the other ordering operations in {@link RuleOrdering}).
 */
final class RuleSetOperations {
    /** SES returns up to 100 rule sets per ListReceiptRuleSets page. */
    static final int PAGE_SIZE = 100;

    private final Store store;
    private final ReceiptLimits limits;
    private final Clock clock;

    RuleSetOperations(Store store, ReceiptLimits limits, Clock clock) {
        this.store = store;
        this.limits = limits;
        this.clock = clock;
    }

    void create(ApiRequest request, XmlWriter out) {
        String name = Names.ruleSetName(request.params());
        Scope scope = request.scope();
        Instant created = now();
        store.write(tx -> {
            if (tx.ruleSet(scope, name).isPresent()) {
                throw ReceiptErrors.ruleSetExists(name);
            }
            if (tx.ruleSets(scope).size() >= limits.ruleSets()) {
                throw ReceiptErrors.tooManyRuleSets();
            }
            tx.insertRuleSet(scope, name, created);
            return null;
        });
    }

    /**
     * Deep copy (rules are immutable values) under a new name and creation time; the clone is
     * never active. Precedence (G-RS-10): both names' pattern violations together, source first;
     * then the service layer, target first; then an existing target wins over a missing source.
     */
    void cloneSet(ApiRequest request, XmlWriter out) {
        QueryParams params = request.params();
        String target = Names.required(params, "RuleSetName");
        String source = Names.required(params, "OriginalRuleSetName");
        new ShapeViolations().name(source, "originalRuleSetName").name(target, "ruleSetName").throwIfAny();
        Names.checkRuleSetName(target);
        Names.checkRuleSetName(source);
        Scope scope = request.scope();
        Instant created = now();
        store.write(tx -> {
            if (tx.ruleSet(scope, target).isPresent()) {
                throw ReceiptErrors.ruleSetExists(target);
            }
            List<ReceiptRule> rules = RuleLists.rulesOf(tx, scope, source);
            if (tx.ruleSets(scope).size() >= limits.ruleSets()) {
                throw ReceiptErrors.tooManyRuleSets();
            }
            tx.insertRuleSet(scope, target, created);
            tx.replaceRules(scope, target, rules);
            return null;
        });
    }

    /** Idempotent for a missing set; refuses the active one; its rules go with it. */
    void delete(ApiRequest request, XmlWriter out) {
        String name = Names.ruleSetName(request.params());
        Scope scope = request.scope();
        store.write(tx -> {
            if (tx.activeRuleSet(scope).filter(name::equals).isPresent()) {
                throw ReceiptErrors.cannotDelete(name);
            }
            tx.deleteRuleSet(scope, name);
            return null;
        });
    }

    void describe(ApiRequest request, XmlWriter out) {
        String name = Names.ruleSetName(request.params());
        Scope scope = request.scope();
        Described described = store.read(tx -> new Described(
                RuleLists.requireSet(tx, scope, name), tx.rules(scope, name)));
        described.write(out);
    }

    /** With no active set the result is empty: no Metadata, no Rules. */
    void describeActive(ApiRequest request, XmlWriter out) {
        Scope scope = request.scope();
        Described described = store.read(tx -> tx.activeRuleSet(scope)
                .map(name -> new Described(RuleLists.requireSet(tx, scope, name), tx.rules(scope, name)))
                .orElse(null));
        if (described != null) {
            described.write(out);
        }
    }

    /** Creation order, {@link #PAGE_SIZE} a page; NextToken only when more sets follow. */
    void list(ApiRequest request, XmlWriter out) {
        String token = request.params().get("NextToken");
        List<ReceiptRuleSetMetadata> sets = store.read(tx -> tx.ruleSets(request.scope()));
        int from = token == null ? 0 : PageToken.resume(token, sets);
        int to = Math.min(sets.size(), from + PAGE_SIZE);
        List<ReceiptRuleSetMetadata> page = sets.subList(from, to);
        if (page.isEmpty()) {
            out.empty("RuleSets");
        } else {
            out.start("RuleSets");
            page.forEach(set -> ReceiptXml.metadata(out, "member", set));
            out.end();
        }
        if (to < sets.size()) {
            out.element("NextToken", PageToken.after(sets.get(to - 1)));
        }
    }

    /**
     * Makes one set the active one; with no RuleSetName (or an empty one, as floci treats it)
     * deactivates every set of the account and region.
     */
    void setActive(ApiRequest request, XmlWriter out) {
        String name = request.params().get("RuleSetName");
        Scope scope = request.scope();
        if (name == null || name.isEmpty()) {
            store.write(tx -> {
                tx.setActiveRuleSet(scope, null);
                return null;
            });
            return;
        }
        Names.ruleSetName(request.params());
        store.write(tx -> {
            RuleLists.requireSet(tx, scope, name);
            tx.setActiveRuleSet(scope, name);
            return null;
        });
    }

    // SES reports times in milliseconds; truncating here makes Describe return what was stored.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private record Described(ReceiptRuleSetMetadata metadata, List<ReceiptRule> rules) {
        void write(XmlWriter out) {
            ReceiptXml.metadata(out, "Metadata", metadata);
            ReceiptXml.rules(out, rules);
        }
    }
}

package io.inlet.config.receipt;

import io.inlet.config.VerifiedIdentities;
import io.inlet.config.api.ApiOperation;
import io.inlet.config.store.Store;
import io.inlet.rules.spi.ActionPlugin;

import java.time.Clock;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Every SES receipt operation (rule sets, rules, IP filters) as an {@link ApiOperation}, keyed by
 * its {@code Action} name, for the Query API server to dispatch.
 */
public final class ReceiptOperations {
    private final Map<String, ApiOperation> operations;

    /**
     * @param plugins       the action plugins by {@link ActionPlugin#type()}; they define which
     *                      action types a rule may hold and how each is checked
     * @param checkTargets  {@code actions.validation}: true for strict (targets must exist), false for lenient
     */
    public ReceiptOperations(Store store, Map<String, ActionPlugin> plugins, VerifiedIdentities verifiedIdentities,
                             ReceiptLimits limits, boolean checkTargets, Clock clock) {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(verifiedIdentities, "verifiedIdentities");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(clock, "clock");
        RuleSetOperations sets = new RuleSetOperations(store, limits, clock);
        RuleOperations rules = new RuleOperations(store, new RuleShape(plugins),
                new ActionChecks(plugins, verifiedIdentities, limits, checkTargets), limits);
        RuleOrdering ordering = new RuleOrdering(store);
        FilterOperations filters = new FilterOperations(store, limits);

        Map<String, ApiOperation> ops = new LinkedHashMap<>();
        ops.put("CreateReceiptRuleSet", sets::create);
        ops.put("CloneReceiptRuleSet", sets::cloneSet);
        ops.put("DeleteReceiptRuleSet", sets::delete);
        ops.put("DescribeReceiptRuleSet", sets::describe);
        ops.put("DescribeActiveReceiptRuleSet", sets::describeActive);
        ops.put("ListReceiptRuleSets", sets::list);
        ops.put("SetActiveReceiptRuleSet", sets::setActive);
        ops.put("ReorderReceiptRuleSet", ordering::reorder);
        ops.put("CreateReceiptRule", rules::create);
        ops.put("UpdateReceiptRule", rules::update);
        ops.put("DeleteReceiptRule", rules::delete);
        ops.put("DescribeReceiptRule", rules::describe);
        ops.put("SetReceiptRulePosition", ordering::setPosition);
        ops.put("CreateReceiptFilter", filters::create);
        ops.put("DeleteReceiptFilter", filters::delete);
        ops.put("ListReceiptFilters", filters::list);
        this.operations = Collections.unmodifiableMap(ops);
    }

    /** The operations by Action name; immutable. */
    public Map<String, ApiOperation> operations() {
        return operations;
    }
}

package io.inlet.config.receipt;

import io.inlet.config.VerifiedIdentities;
import io.inlet.config.api.SesException;
import io.inlet.config.store.Scope;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.spi.ActionPlugin;
import io.inlet.rules.spi.ActionValidationException;
import io.inlet.rules.spi.ValidationContext;

import java.util.List;
import java.util.Map;

/**
 * The last checks of Create/UpdateReceiptRule, after the store-side ones (G-RR-03): the actions
 * limit, the Stop action's place, then each plugin's service-level and target validation.
 */
final class ActionChecks {
    static final String STOP_ACTION = "StopAction";

    private final Map<String, ActionPlugin> plugins;
    private final VerifiedIdentities verifiedIdentities;
    private final ReceiptLimits limits;
    private final boolean checkTargets;

    ActionChecks(Map<String, ActionPlugin> plugins, VerifiedIdentities verifiedIdentities,
                 ReceiptLimits limits, boolean checkTargets) {
        this.plugins = Map.copyOf(plugins);
        this.verifiedIdentities = verifiedIdentities;
        this.limits = limits;
        this.checkTargets = checkTargets;
    }

    /** Checks that need neither the store nor the plugins: how many actions, and Stop last. */
    void checkList(ReceiptRule rule) {
        List<ReceiptAction> actions = rule.actions();
        if (actions.size() > limits.actionsPerRule()) {
            throw ReceiptErrors.tooManyActions();
        }
        // Probed (floci): a Stop anywhere but in the last entry is refused.
        for (int i = 0; i < actions.size() - 1; i++) {
            for (ActionSpec member : actions.get(i).members()) {
                if (STOP_ACTION.equals(member.type())) {
                    throw ReceiptErrors.stopNotLast();
                }
            }
        }
    }

    /**
     * Runs each member's plugin validation in rule order. Called outside any store transaction:
     * a plugin may call out (does the bucket exist?) and the identity lookup reads the store.
     */
    void validateTargets(Scope scope, String ruleSetName, ReceiptRule rule) {
        ValidationContext context = new Context(scope, ruleSetName, rule.name());
        for (ReceiptAction action : rule.actions()) {
            for (ActionSpec member : action.members()) {
                try {
                    plugins.get(member.type()).validate(member, context);
                } catch (ActionValidationException e) {
                    throw SesException.sender(e.errorCode(), e.getMessage());
                }
            }
        }
    }

    private final class Context implements ValidationContext {
        private final Scope scope;
        private final String ruleSetName;
        private final String ruleName;

        Context(Scope scope, String ruleSetName, String ruleName) {
            this.scope = scope;
            this.ruleSetName = ruleSetName;
            this.ruleName = ruleName;
        }

        @Override
        public String accountId() {
            return scope.accountId();
        }

        @Override
        public String region() {
            return scope.region();
        }

        @Override
        public String ruleSetName() {
            return ruleSetName;
        }

        @Override
        public String ruleName() {
            return ruleName;
        }

        @Override
        public boolean checkTargets() {
            return checkTargets;
        }

        @Override
        public boolean isVerifiedIdentity(String identity) {
            return verifiedIdentities.isVerified(scope, identity);
        }
    }
}

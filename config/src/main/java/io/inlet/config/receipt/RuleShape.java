package io.inlet.config.receipt;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TlsPolicy;
import io.inlet.rules.spi.ActionParameter;
import io.inlet.rules.spi.ActionPlugin;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model-level checks of a {@code Rule} (G-RR-04) and the rule that results once they pass.
 * Action checks come from each plugin's declared {@link ActionParameter}s, so a third-party action
 * type gets the same SES-style violations as the built-ins. Paths use the wire names with the
 * first letter lower-cased, as SES reports them ({@code sNSAction}, {@code iAMRoleARN}, …).
 */
final class RuleShape {
    private static final List<String> TLS_POLICIES = List.of("Optional", "Require");

    private final Map<String, ActionPlugin> plugins;
    private final List<String> knownTypes;

    RuleShape(Map<String, ActionPlugin> plugins) {
        this.plugins = Map.copyOf(plugins);
        this.knownTypes = plugins.keySet().stream().sorted().toList();
    }

    /** Adds every violation of the rule, in SES's order: name, TlsPolicy, then each action. */
    void collect(RuleInput rule, ShapeViolations violations) {
        if (!rule.present()) {
            violations.add(ReceiptErrors.notNull("rule"));
            return;
        }
        if (rule.name() == null) {
            violations.add(ReceiptErrors.notNull("rule.name"));
        } else {
            violations.name(rule.name(), "rule.name");
        }
        if (rule.tlsPolicy() != null && !TLS_POLICIES.contains(rule.tlsPolicy())) {
            violations.add(ReceiptErrors.enumValue(rule.tlsPolicy(), "rule.tlsPolicy", TLS_POLICIES));
        }
        int index = 1;
        for (List<ActionSpec> entry : rule.actions()) {
            String entryPath = "rule.actions." + index++ + ".member";
            for (ActionSpec member : entry) {
                collectMember(member, entryPath, violations);
            }
        }
    }

    // Only members the request carried get here: SES checks a struct's required members only
    // when the struct has at least one member.
    private void collectMember(ActionSpec member, String entryPath, ShapeViolations violations) {
        ActionPlugin plugin = plugins.get(member.type());
        if (plugin == null) {
            violations.add(ReceiptErrors.unknownActionType(member.type(), entryPath, knownTypes));
            return;
        }
        String memberPath = entryPath + "." + lowerFirst(member.type());
        Set<String> declared = new HashSet<>();
        for (ActionParameter parameter : plugin.parameters()) {
            declared.add(parameter.name());
            String value = member.get(parameter.name());
            String path = memberPath + "." + lowerFirst(parameter.name());
            if (value == null) {
                if (parameter.required()) {
                    violations.add(ReceiptErrors.notNull(path));
                }
            } else if (!parameter.allowedValues().isEmpty() && !parameter.allowedValues().contains(value)) {
                violations.add(ReceiptErrors.enumValue(value, path, parameter.allowedValues()));
            } else {
                collectConstraints(parameter, value, path, violations);
            }
        }
        for (String name : member.parameters().keySet()) {
            if (!declared.contains(name)) {
                violations.add(ReceiptErrors.unknownActionParameter(memberPath + "." + lowerFirst(name), member.type()));
            }
        }
    }

    // The model's length and pattern traits (only IAMRoleARN and ConnectInstanceArn have any).
    private static void collectConstraints(ActionParameter parameter, String value, String path, ShapeViolations violations) {
        if (value.length() < parameter.minLength()) {
            violations.add(ReceiptErrors.minLength(path, parameter.minLength()));
        }
        if (value.length() > parameter.maxLength()) {
            violations.add(ReceiptErrors.maxLength(path, parameter.maxLength()));
        }
        if (parameter.pattern() != null && !java.util.regex.Pattern.matches(parameter.pattern(), value)) {
            violations.add(ReceiptErrors.pattern(path, parameter.pattern()));
        }
    }

    /**
     * The rule to store, for a shape-valid input: SES defaults (TlsPolicy Optional, booleans
     * false, each parameter's declared default such as SNS Encoding UTF-8), recipients sorted,
     * action parameters in the plugin's declared order.
     */
    ReceiptRule build(RuleInput rule) {
        List<ReceiptAction> actions = new ArrayList<>();
        for (List<ActionSpec> entry : rule.actions()) {
            List<ActionSpec> members = new ArrayList<>();
            for (ActionSpec member : entry) {
                members.add(withDefaults(member, plugins.get(member.type())));
            }
            actions.add(new ReceiptAction(members));
        }
        TlsPolicy tls = rule.tlsPolicy() == null ? TlsPolicy.Optional : TlsPolicy.valueOf(rule.tlsPolicy());
        return new ReceiptRule(rule.name(), rule.enabled(), tls, rule.scanEnabled(),
                Recipients.normalise(rule.recipients()), actions);
    }

    private static ActionSpec withDefaults(ActionSpec member, ActionPlugin plugin) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (ActionParameter parameter : plugin.parameters()) {
            String value = member.getOrDefault(parameter.name(), parameter.defaultValue());
            if (value != null) {
                parameters.put(parameter.name(), value);
            }
        }
        return new ActionSpec(member.type(), parameters);
    }

    static String lowerFirst(String wireName) {
        if (wireName.isEmpty()) {
            return wireName;
        }
        return Character.toLowerCase(wireName.charAt(0)) + wireName.substring(1);
    }
}

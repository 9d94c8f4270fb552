package io.inlet.config.identity.policies;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One condition of a statement: an operator (or {@code Null}) applied to one context key and its
 * policy values, with IAM's qualifiers: {@code ForAnyValue:} / {@code ForAllValues:} for
 * multi-valued keys such as {@code ses:Recipients}, and the {@code IfExists} suffix.
 *
 * @param operator null for the {@code Null} operator
 */
record Condition(Qualifier qualifier, ConditionOperator operator, boolean ifExists, String key, List<String> values) {

    enum Qualifier { NONE, FOR_ANY_VALUE, FOR_ALL_VALUES }

    /** Whether the condition holds for the request's context (keys are case-insensitive, as in IAM). */
    boolean holds(Map<String, List<String>> context) {
        List<String> actual = lookup(context, key);
        if (operator == null) {
            // Null: "true" asks for the key to be absent, "false" for it to be present.
            boolean absent = actual == null || actual.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v.toLowerCase(Locale.ROOT)) == absent);
        }
        if (actual == null || actual.isEmpty()) {
            // IAM: an absent key matches nothing, so a positive test fails and a negated one holds;
            // IfExists and ForAllValues (vacuously) hold.
            return ifExists || qualifier == Qualifier.FOR_ALL_VALUES || operator.negated();
        }
        return switch (qualifier) {
            case FOR_ANY_VALUE -> actual.stream().anyMatch(this::valueHolds);
            case FOR_ALL_VALUES -> actual.stream().allMatch(this::valueHolds);
            // A plain operator on several values: positive when any matches, negated when none does.
            case NONE -> operator.negated() ? actual.stream().allMatch(this::valueHolds)
                    : actual.stream().anyMatch(this::valueHolds);
        };
    }

    private boolean valueHolds(String requestValue) {
        boolean any = values.stream().anyMatch(p -> operator.matches(requestValue, p));
        return operator.negated() != any;
    }

    private static List<String> lookup(Map<String, List<String>> context, String key) {
        for (Map.Entry<String, List<String>> e : context.entrySet()) {
            if (e.getKey().equalsIgnoreCase(key)) {
                return e.getValue();
            }
        }
        return null;
    }
}

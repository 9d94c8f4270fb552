package io.inlet.config.receipt;

import io.inlet.config.api.QueryParams;

import java.util.regex.Pattern;

/**
 * The two layers of SES name validation (SES-RECEIVING.md §5, peers.md G-RS-03..05, G-RR-13,
 * G-RF-03): the Smithy pattern {@code ^[a-zA-Z0-9_.-]+$} gives a {@code ValidationError}; a name
 * that passes it but is longer than 64 characters or does not start and end with a letter or
 * digit gives the service-level {@code InvalidParameterValue} "Not a valid …". Filter names have
 * only the service layer.
 */
final class Names {
    static final int MAX_LENGTH = 64;
    private static final Pattern SMITHY = Pattern.compile(ReceiptErrors.NAME_PATTERN);

    private Names() {
    }

    static boolean matchesPattern(String value) {
        return SMITHY.matcher(value).matches();
    }

    /** The value of a required parameter; absent → "X is required.". */
    static String required(QueryParams params, String wireName) {
        String value = params.get(wireName);
        if (value == null) {
            throw ReceiptErrors.required(wireName);
        }
        return value;
    }

    /** {@code RuleSetName} as most operations check it: presence, the pattern alone, then the service layer. */
    static String ruleSetName(QueryParams params) {
        String name = required(params, "RuleSetName");
        new ShapeViolations().name(name, "ruleSetName").throwIfAny();
        checkRuleSetName(name);
        return name;
    }

    /** {@code RuleName} of Describe/DeleteReceiptRule: presence, the pattern, then the service layer. */
    static String ruleName(QueryParams params) {
        String name = required(params, "RuleName");
        new ShapeViolations().name(name, "ruleName").throwIfAny();
        checkRuleName(name);
        return name;
    }

    /** The service layer for a rule set name that already passed the pattern. */
    static void checkRuleSetName(String name) {
        if (!wellFormed(name)) {
            throw ReceiptErrors.notValidName("ruleSetName", name);
        }
    }

    /** The service layer for a rule name that already passed the pattern. */
    static void checkRuleName(String name) {
        if (!wellFormed(name)) {
            throw ReceiptErrors.notValidName("ruleName", name);
        }
    }

    /** Filter names: one service-level check, with its own text for the empty name. */
    static void checkFilterName(String name) {
        if (name.isEmpty()) {
            throw ReceiptErrors.filterNameEmpty();
        }
        if (!matchesPattern(name) || !wellFormed(name)) {
            throw ReceiptErrors.notValidName("filterName", name);
        }
    }

    private static boolean wellFormed(String name) {
        return !name.isEmpty() && name.length() <= MAX_LENGTH
                && isAsciiAlphanumeric(name.charAt(0)) && isAsciiAlphanumeric(name.charAt(name.length() - 1));
    }

    private static boolean isAsciiAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}

package io.inlet.config.receipt;

import io.inlet.config.api.SesException;

import java.util.List;

/**
 * Every error text of the receipt operations, in one place. The wire forms follow the SES probes
 * recorded in SES-RECEIVING.md (§5, §6.2, §6.4) and peers.md §G; texts marked "Inlet" are our own
 * choice where SES's is unknown.
 */
final class ReceiptErrors {

    /** The Smithy pattern SES applies to rule set, rule, After and reorder names. */
    static final String NAME_PATTERN = "^[a-zA-Z0-9_.-]+$";

    private ReceiptErrors() {
    }

    // --- service-level InvalidParameterValue ----------------------------------------------------

    /** An absent required name parameter, e.g. "RuleSetName is required.". */
    static SesException required(String wireName) {
        return SesException.invalidParameter(wireName + " is required.");
    }

    /** A name that passed the Smithy pattern but is too long or has a bad first/last character. */
    static SesException notValidName(String member, String name) {
        return SesException.invalidParameter("Not a valid " + member + ": " + name);
    }

    static SesException filterNameEmpty() {
        return SesException.invalidParameter("filterName must not be empty");
    }

    static SesException invalidCidr(String cidr) {
        return SesException.invalidParameter("Invalid CIDR block: " + cidr);
    }

    static SesException multiplePositions(String rule) {
        return SesException.invalidParameter("Multiple positions found for rule: " + rule);
    }

    static SesException positionsNotFound(List<String> rules) {
        return SesException.invalidParameter("Positions for rules not found: " + String.join(", ", rules));
    }

    /** Probed (floci): a StopAction anywhere but last is refused. */
    static SesException stopNotLast() {
        return SesException.invalidParameter("Stop action, if any, must be placed at the end of the actions list");
    }

    /** Probed (floci): an action entry with no member (a gap in the indexes) is refused. */
    static SesException noActionType() {
        return SesException.invalidParameter("Exactly one action type must be specified for each ReceiptAction");
    }

    /** Inlet: SES's text for a malformed recipient is unknown. */
    static SesException invalidRecipient(String recipient) {
        return SesException.invalidParameter("Invalid recipient: " + recipient);
    }

    /** Inlet: SES's text for a token it did not issue is unknown. */
    static SesException invalidNextToken() {
        return SesException.invalidParameter("Invalid NextToken");
    }

    // --- modeled errors ---------------------------------------------------------------------------

    static SesException ruleSetExists(String name) {
        return SesException.alreadyExists("Rule set already exists: " + name);
    }

    static SesException ruleExists(String name) {
        return SesException.alreadyExists("Rule already exists: " + name);
    }

    static SesException filterExists(String name) {
        return SesException.alreadyExists("Filter already exists: " + name);
    }

    static SesException ruleSetMissing(String name) {
        return SesException.ruleSetDoesNotExist(name);
    }

    static SesException ruleMissing(String name) {
        return SesException.ruleDoesNotExist(name);
    }

    static SesException cannotDelete(String name) {
        return SesException.sender("CannotDelete", "Cannot delete active rule set: " + name);
    }

    /** Inlet: SES's text for the 41st rule set is unknown; worded like the probed ones. */
    static SesException tooManyRuleSets() {
        return SesException.limitExceeded("Too many rule sets");
    }

    static SesException tooManyRules() {
        return SesException.limitExceeded("Too many rules");
    }

    static SesException tooManyActions() {
        return SesException.limitExceeded("Too many actions");
    }

    static SesException tooManyFilters() {
        return SesException.limitExceeded("Too many filters");
    }

    // --- Query deserialisation (probed forms, floci) ------------------------------------------------

    static SesException malformed(String message) {
        return SesException.sender("MalformedInput", message);
    }

    // --- Smithy ValidationError violations (joined by ShapeViolations) ----------------------------

    static String notNull(String path) {
        return "Value null at '" + path + "' failed to satisfy constraint: Member must not be null";
    }

    static String pattern(String path) {
        return "Value at '" + path + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + NAME_PATTERN;
    }

    static String pattern(String path, String regex) {
        return "Value at '" + path + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                + regex;
    }

    static String minLength(String path) {
        return minLength(path, 1);
    }

    static String minLength(String path, int min) {
        return "Value at '" + path + "' failed to satisfy constraint: Member must have length greater than or equal to " + min;
    }

    static String maxLength(String path, int max) {
        return "Value at '" + path + "' failed to satisfy constraint: Member must have length less than or equal to " + max;
    }

    static String enumValue(String value, String path, List<String> allowed) {
        return "Value '" + value + "' at '" + path + "' failed to satisfy constraint: Member must satisfy enum value set: ["
                + String.join(", ", allowed) + "]";
    }

    /** Probed: one index-less violation however many RuleNames members are malformed. */
    static String ruleNamesMember() {
        return "Value at 'ruleNames' failed to satisfy constraint: Member must satisfy constraint: "
                + "[Member must have length less than or equal to 100, Member must have length greater than or equal to 1, "
                + "Member must satisfy regular expression pattern: " + NAME_PATTERN + "]";
    }

    /** Inlet: an action member no plugin serves. */
    static String unknownActionType(String type, String path, List<String> known) {
        return "Value '" + type + "' at '" + path + "' failed to satisfy constraint: Member must be one of the action types: ["
                + String.join(", ", known) + "]";
    }

    /** Inlet: a parameter the action type's plugin does not declare. */
    static String unknownActionParameter(String path, String type) {
        return "Value at '" + path + "' failed to satisfy constraint: Member is not a parameter of " + type;
    }
}

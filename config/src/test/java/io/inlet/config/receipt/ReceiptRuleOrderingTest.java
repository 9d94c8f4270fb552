package io.inlet.config.receipt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** ReorderReceiptRuleSet (G-RS-11) and SetReceiptRulePosition (G-RR-16). */
class ReceiptRuleOrderingTest {
    private static final String MEMBER_VIOLATION = "1 validation error detected: Value at 'ruleNames' failed to "
            + "satisfy constraint: Member must satisfy constraint: [Member must have length less than or equal to 100, "
            + "Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: "
            + "^[a-zA-Z0-9_.-]+$]";

    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir);
        f.createSet("rs");
        f.createRules("rs", "r1", "r2", "r3");
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void reorderAppliesAFullPermutation() {
        f.call("ReorderReceiptRuleSet", "RuleSetName", "rs",
                "RuleNames.member.1", "r3", "RuleNames.member.2", "r1", "RuleNames.member.3", "r2");
        assertThat(f.ruleNames("rs")).containsExactly("r3", "r1", "r2");
        f.call("ReorderReceiptRuleSet", "RuleSetName", "rs",
                "RuleNames.member.1", "r3", "RuleNames.member.2", "r1", "RuleNames.member.3", "r2");
        assertThat(f.ruleNames("rs")).containsExactly("r3", "r1", "r2");
    }

    @Test
    void reorderErrorPrecedence() {
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "ReorderReceiptRuleSet",
                "RuleSetName", "ghost", "RuleNames.member.1", "rX", "RuleNames.member.2", "rX");
        f.assertError("InvalidParameterValue", "Multiple positions found for rule: r1", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.2", "r1");
        f.assertError("InvalidParameterValue", "Multiple positions found for rule: rX", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.2", "r2",
                "RuleNames.member.3", "r3", "RuleNames.member.4", "rX", "RuleNames.member.5", "rX");
        f.assertError("InvalidParameterValue", "Positions for rules not found: r1, r3", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r2", "RuleNames.member.2", "rX");
        f.assertError("InvalidParameterValue", "Positions for rules not found: r1, r2, r3", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames", "");
        f.assertError("RuleDoesNotExist", "Rule does not exist: rX", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r3", "RuleNames.member.2", "rX",
                "RuleNames.member.3", "r2", "RuleNames.member.4", "r1", "RuleNames.member.5", "rY");
        assertThat(f.ruleNames("rs")).containsExactly("r1", "r2", "r3");
    }

    @Test
    void reorderNamesHaveOneNestedConstraint() {
        // Checked before the set's existence.
        f.assertError("ValidationError", MEMBER_VIOLATION, "ReorderReceiptRuleSet",
                "RuleSetName", "ghost", "RuleNames.member.1", "bad name!");
        f.assertError("ValidationError", MEMBER_VIOLATION, "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "bad name!", "RuleNames.member.2", "",
                "RuleNames.member.3", "a".repeat(101));
        // A small index gap is padded with an empty member, which fails the same constraint.
        f.assertError("ValidationError", MEMBER_VIOLATION, "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.3", "r2");
        f.assertError("MalformedInput", "Excessively sparse input would skip 11 list elements", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.12", "r2");
        f.assertError("ValidationError", MEMBER_VIOLATION, "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.11", "r2");
        f.assertError("MalformedInput", "0 is not a valid index", "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.0", "r1");
        // 65 characters pass the 100-character member cap and are simply unknown.
        f.assertError("RuleDoesNotExist", "Rule does not exist: " + "a".repeat(65), "ReorderReceiptRuleSet",
                "RuleSetName", "rs", "RuleNames.member.1", "r1", "RuleNames.member.2", "r2",
                "RuleNames.member.3", "r3", "RuleNames.member.4", "a".repeat(65));
        // RuleSetName violations come first in the same message.
        String both = f.fail("ReorderReceiptRuleSet", "RuleSetName", "", "RuleNames.member.1", "bad!").getMessage();
        assertThat(both).startsWith("3 validation errors detected: Value at 'ruleSetName'").contains("'ruleNames'");
        f.assertError("InvalidParameterValue", "Not a valid ruleSetName: " + "a".repeat(65), "ReorderReceiptRuleSet",
                "RuleSetName", "a".repeat(65), "RuleNames.member.1", "r1");
        f.assertError("ValidationError", "1 validation error detected: Value null at 'ruleNames' failed to satisfy "
                + "constraint: Member must not be null", "ReorderReceiptRuleSet", "RuleSetName", "rs");
        assertThat(f.ruleNames("rs")).containsExactly("r1", "r2", "r3");
    }

    @Test
    void setPositionMovesToTheFrontOrAfterARule() {
        f.call("SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", "r3");
        assertThat(f.ruleNames("rs")).containsExactly("r3", "r1", "r2");
        f.call("SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", "r3", "After", "r2");
        assertThat(f.ruleNames("rs")).containsExactly("r1", "r2", "r3");
        f.call("SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", "r1", "After", "r2");
        assertThat(f.ruleNames("rs")).containsExactly("r2", "r1", "r3");
        f.call("SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", "r1", "After", "r1");
        assertThat(f.ruleNames("rs")).containsExactly("r2", "r1", "r3");
    }

    @Test
    void setPositionErrorPrecedence() {
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "SetReceiptRulePosition",
                "RuleSetName", "ghost", "RuleName", "rX", "After", "rY");
        f.assertError("RuleDoesNotExist", "Rule does not exist: rX", "SetReceiptRulePosition",
                "RuleSetName", "rs", "RuleName", "rX", "After", "rY");
        f.assertError("RuleDoesNotExist", "Rule does not exist: rY", "SetReceiptRulePosition",
                "RuleSetName", "rs", "RuleName", "r1", "After", "rY");
        f.assertError("RuleDoesNotExist", "Rule does not exist: rX", "SetReceiptRulePosition",
                "RuleSetName", "rs", "RuleName", "rX", "After", "rX");
        String both = f.fail("SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", "bad name",
                "After", "bad after").getMessage();
        assertThat(both).startsWith("2 validation errors detected: Value at 'ruleName'").contains("; Value at 'after'");
        assertThat(f.ruleNames("rs")).containsExactly("r1", "r2", "r3");
    }
}

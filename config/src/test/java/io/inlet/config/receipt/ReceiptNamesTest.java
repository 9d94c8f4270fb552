package io.inlet.config.receipt;

import io.inlet.config.api.SesException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The two-layer name validation (G-RS-03..05, G-RR-13, G-RF-03), table-driven. */
class ReceiptNamesTest {
    private static final String PATTERN = "Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.-]+$";
    private static final String LENGTH = "Member must have length greater than or equal to 1";
    private static final String VE = "ValidationError";
    private static final String IPV = "InvalidParameterValue";

    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir);
        f.createSet("rs");
    }

    @AfterEach
    void close() {
        f.close();
    }

    static String one(String path, String constraint) {
        return "1 validation error detected: Value at '" + path + "' failed to satisfy constraint: " + constraint;
    }

    static String empty(String path) {
        return "2 validation errors detected: Value at '" + path + "' failed to satisfy constraint: " + LENGTH
                + "; Value at '" + path + "' failed to satisfy constraint: " + PATTERN;
    }

    static Stream<Arguments> badRuleSetNames() {
        return Stream.of(
                arguments("", VE, empty("ruleSetName")),
                arguments(" ", VE, one("ruleSetName", PATTERN)),
                arguments("bad name!", VE, one("ruleSetName", PATTERN)),
                arguments("123\"", VE, one("ruleSetName", PATTERN)),
                arguments("règles", VE, one("ruleSetName", PATTERN)),
                arguments("a/b", VE, one("ruleSetName", PATTERN)),
                arguments("_123", IPV, "Not a valid ruleSetName: _123"),
                arguments("123_", IPV, "Not a valid ruleSetName: 123_"),
                arguments(".abc", IPV, "Not a valid ruleSetName: .abc"),
                arguments("abc-", IPV, "Not a valid ruleSetName: abc-"),
                arguments("a".repeat(65), IPV, "Not a valid ruleSetName: " + "a".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("badRuleSetNames")
    void ruleSetNameIsRefusedByCreate(String name, String code, String message) {
        f.assertError(code, message, "CreateReceiptRuleSet", "RuleSetName", name);
    }

    @ParameterizedTest
    @MethodSource("badRuleSetNames")
    void ruleSetNameIsRefusedTheSameWayByEveryOperation(String name, String code, String message) {
        f.assertError(code, message, "DescribeReceiptRuleSet", "RuleSetName", name);
        f.assertError(code, message, "DeleteReceiptRuleSet", "RuleSetName", name);
        f.assertError(code, message, "DescribeReceiptRule", "RuleSetName", name, "RuleName", "r");
        f.assertError(code, message, "CreateReceiptRule", "RuleSetName", name, "Rule.Name", "r");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a", "A1", "my.rule-set_1", "0", "a-b.c_d"})
    void goodRuleSetNamesAreAccepted(String name) {
        f.call("CreateReceiptRuleSet", "RuleSetName", name);
        assertThat(ReceiptFixture.value(f.call("DescribeReceiptRuleSet", "RuleSetName", name), "/r/Metadata/Name"))
                .isEqualTo(name);
    }

    @Test
    void sixtyFourCharactersAreTheMaximum() {
        f.call("CreateReceiptRuleSet", "RuleSetName", "a".repeat(64));
    }

    @Test
    void absentNamesAreRequired() {
        f.assertError(IPV, "RuleSetName is required.", "CreateReceiptRuleSet");
        f.assertError(IPV, "RuleSetName is required.", "DescribeReceiptRuleSet");
        f.assertError(IPV, "RuleName is required.", "DescribeReceiptRule", "RuleSetName", "rs");
        f.assertError(IPV, "RuleName is required.", "DeleteReceiptRule", "RuleSetName", "rs");
        f.assertError(IPV, "RuleName is required.", "SetReceiptRulePosition", "RuleSetName", "rs");
    }

    static Stream<Arguments> badRuleNames() {
        return Stream.of(
                arguments("", VE, empty("ruleName")),
                arguments("bad name", VE, one("ruleName", PATTERN)),
                arguments("-abc", IPV, "Not a valid ruleName: -abc"),
                arguments("a".repeat(65), IPV, "Not a valid ruleName: " + "a".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("badRuleNames")
    void ruleNameParameterHasTwoLayers(String name, String code, String message) {
        f.assertError(code, message, "DescribeReceiptRule", "RuleSetName", "rs", "RuleName", name);
        f.assertError(code, message, "DeleteReceiptRule", "RuleSetName", "rs", "RuleName", name);
        f.assertError(code, message, "SetReceiptRulePosition", "RuleSetName", "rs", "RuleName", name);
    }

    static Stream<Arguments> badRuleNamesInRule() {
        return Stream.of(
                arguments("", VE, empty("rule.name")),
                arguments("bad name", VE, one("rule.name", PATTERN)),
                arguments("x_", IPV, "Not a valid ruleName: x_"),
                arguments("b".repeat(65), IPV, "Not a valid ruleName: " + "b".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("badRuleNamesInRule")
    void ruleNameMemberHasTwoLayers(String name, String code, String message) {
        f.assertError(code, message, "CreateReceiptRule", "RuleSetName", "rs", "Rule.Name", name);
        f.assertError(code, message, "UpdateReceiptRule", "RuleSetName", "rs", "Rule.Name", name);
    }

    @Test
    void absentRuleOrRuleNameAreNullViolations() {
        f.assertError(VE, "1 validation error detected: Value null at 'rule' failed to satisfy constraint: "
                + "Member must not be null", "CreateReceiptRule", "RuleSetName", "rs");
        f.assertError(VE, "1 validation error detected: Value null at 'rule.name' failed to satisfy constraint: "
                + "Member must not be null", "CreateReceiptRule", "RuleSetName", "rs", "Rule.Enabled", "true");
    }

    @Test
    void afterHasOnlyThePatternLayer() {
        f.assertError(VE, one("after", PATTERN), "SetReceiptRulePosition",
                "RuleSetName", "rs", "RuleName", "r1", "After", "bad name");
        f.assertError(VE, empty("after"), "CreateReceiptRule",
                "RuleSetName", "rs", "After", "", "Rule.Name", "r1");
        // 65 characters pass the pattern and are simply not found.
        f.createRules("rs", "r1");
        f.assertError("RuleDoesNotExist", "Rule does not exist: " + "a".repeat(65), "SetReceiptRulePosition",
                "RuleSetName", "rs", "RuleName", "r1", "After", "a".repeat(65));
    }

    static Stream<Arguments> badFilterNames() {
        return Stream.of(
                arguments("", "filterName must not be empty"),
                arguments("bad name", "Not a valid filterName: bad name"),
                arguments("bad!", "Not a valid filterName: bad!"),
                arguments("-abc", "Not a valid filterName: -abc"),
                arguments("abc.", "Not a valid filterName: abc."),
                arguments("a".repeat(65), "Not a valid filterName: " + "a".repeat(65)));
    }

    @ParameterizedTest
    @MethodSource("badFilterNames")
    void filterNamesHaveOneServiceLayer(String name, String message) {
        f.assertError(IPV, message, "CreateReceiptFilter",
                "Filter.Name", name, "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "10.0.0.0/8");
    }

    @ParameterizedTest
    @ValueSource(strings = {"f", "f.1", "block-all_1", "F9"})
    void goodFilterNamesAreAccepted(String name) {
        f.call("CreateReceiptFilter",
                "Filter.Name", name, "Filter.IpFilter.Policy", "Block", "Filter.IpFilter.Cidr", "10.0.0.0/8");
        assertThat(ReceiptFixture.values(f.call("ListReceiptFilters"), "/r/Filters/member/Name")).containsExactly(name);
    }

    @Test
    void ruleSetNameViolationsAreReportedAloneBeforeTheRuleShape() {
        SesException e = f.fail("CreateReceiptRule", "RuleSetName", "bad name", "Rule.Name", "bad rule");
        assertThat(e.getMessage()).isEqualTo(one("ruleSetName", PATTERN));
    }
}

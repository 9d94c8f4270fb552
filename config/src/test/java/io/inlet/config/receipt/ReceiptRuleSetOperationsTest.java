package io.inlet.config.receipt;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.inlet.config.receipt.ReceiptFixture.EAST;
import static io.inlet.config.receipt.ReceiptFixture.WEST;
import static io.inlet.config.receipt.ReceiptFixture.value;
import static io.inlet.config.receipt.ReceiptFixture.values;
import static org.assertj.core.api.Assertions.assertThat;

/** Rule set operations: G-RS-01..13 of peers.md §G. */
class ReceiptRuleSetOperationsTest {
    @TempDir
    Path dir;
    ReceiptFixture f;

    @BeforeEach
    void open() {
        f = new ReceiptFixture(dir);
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void createThenDescribeShowsMetadataAndNoRules() {
        assertThat(f.call("CreateReceiptRuleSet", "RuleSetName", "rs")).isEmpty();
        String xml = f.call("DescribeReceiptRuleSet", "RuleSetName", "rs");
        assertThat(xml).isEqualTo("<Metadata><Name>rs</Name><CreatedTimestamp>2024-05-06T07:08:09.123Z"
                + "</CreatedTimestamp></Metadata><Rules/>");
    }

    @Test
    void timestampsAlwaysCarryMilliseconds() {
        f.clock.advance(Duration.ofNanos(876_544_000)); // lands on a whole second
        f.createSet("rs");
        assertThat(value(f.call("DescribeReceiptRuleSet", "RuleSetName", "rs"), "/r/Metadata/CreatedTimestamp"))
                .isEqualTo("2024-05-06T07:08:10.000Z");
    }

    @Test
    void duplicateAndMissingSets() {
        f.createSet("rs");
        f.assertError("AlreadyExists", "Rule set already exists: rs", "CreateReceiptRuleSet", "RuleSetName", "rs");
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost",
                "DescribeReceiptRuleSet", "RuleSetName", "ghost");
    }

    @Test
    void listIsInCreationOrderWithoutTokenWhenComplete() {
        assertThat(f.call("ListReceiptRuleSets")).isEqualTo("<RuleSets/>");
        for (String name : List.of("b", "a", "c")) {
            f.createSet(name);
            f.clock.advance(Duration.ofMillis(1));
        }
        String xml = f.call("ListReceiptRuleSets");
        assertThat(values(xml, "/r/RuleSets/member/Name")).containsExactly("b", "a", "c");
        assertThat(values(xml, "/r/RuleSets/member/CreatedTimestamp"))
                .containsExactly("2024-05-06T07:08:09.123Z", "2024-05-06T07:08:09.124Z", "2024-05-06T07:08:09.125Z");
        assertThat(values(xml, "/r/NextToken")).isEmpty();
    }

    @Test
    void listPagesByHundredWithOpaqueTokens() {
        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withRuleSets(1000), true);
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 205; i++) {
            String name = "set-" + (204 - i); // names deliberately not in creation order
            f.createSet(name);
            created.add(name);
        }
        List<String> seen = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        String token = null;
        List<Integer> sizes = new ArrayList<>();
        do {
            String xml = token == null ? f.call("ListReceiptRuleSets") : f.call("ListReceiptRuleSets", "NextToken", token);
            List<String> page = values(xml, "/r/RuleSets/member/Name");
            sizes.add(page.size());
            seen.addAll(page);
            List<String> next = values(xml, "/r/NextToken");
            token = next.isEmpty() ? null : next.get(0);
            if (token != null) {
                assertThat(token).doesNotContain("set-").isNotEmpty();
                tokens.add(token);
            }
        } while (token != null);
        assertThat(sizes).containsExactly(100, 100, 5);
        assertThat(tokens).doesNotHaveDuplicates();
        assertThat(seen).isEqualTo(created);
    }

    @Test
    void pagingSurvivesDeletionOfThePagesLastSet() {
        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withRuleSets(500), true);
        for (int i = 0; i < 150; i++) {
            f.createSet("s" + i);
            f.clock.advance(Duration.ofMillis(1));
        }
        String token = value(f.call("ListReceiptRuleSets"), "/r/NextToken");
        f.call("DeleteReceiptRuleSet", "RuleSetName", "s99");
        List<String> second = values(f.call("ListReceiptRuleSets", "NextToken", token), "/r/RuleSets/member/Name");
        assertThat(second).hasSize(50).startsWith("s100").endsWith("s149");
    }

    @Test
    void unknownTokenIsRefused() {
        f.assertError("InvalidParameterValue", "Invalid NextToken", "ListReceiptRuleSets", "NextToken", "not a token!");
        f.assertError("InvalidParameterValue", "Invalid NextToken", "ListReceiptRuleSets", "NextToken", "Zm9v");
    }

    @Test
    void ruleSetLimitCoversCreateAndClone() {
        f.close();
        f = new ReceiptFixture(dir, ReceiptLimits.defaults().withRuleSets(2), true);
        f.createSet("a");
        f.createSet("b");
        f.assertError("LimitExceeded", "Too many rule sets", "CreateReceiptRuleSet", "RuleSetName", "c");
        f.assertError("LimitExceeded", "Too many rule sets", "CloneReceiptRuleSet",
                "RuleSetName", "c", "OriginalRuleSetName", "a");
        // A duplicate is reported before the limit.
        f.assertError("AlreadyExists", "Rule set already exists: a", "CreateReceiptRuleSet", "RuleSetName", "a");
        f.call("DeleteReceiptRuleSet", "RuleSetName", "b");
        f.createSet("c");
    }

    @Test
    void activationSwitchesAndClears() {
        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost",
                "SetActiveReceiptRuleSet", "RuleSetName", "ghost");
        assertThat(f.call("DescribeActiveReceiptRuleSet")).isEmpty();
        f.createSet("one");
        f.createSet("two");
        f.createRules("one", "r1", "r2", "r3");
        f.call("SetActiveReceiptRuleSet", "RuleSetName", "one");
        String active = f.call("DescribeActiveReceiptRuleSet");
        assertThat(value(active, "/r/Metadata/Name")).isEqualTo("one");
        assertThat(values(active, "/r/Rules/member/Name")).containsExactly("r1", "r2", "r3");

        f.call("SetActiveReceiptRuleSet", "RuleSetName", "two");
        assertThat(value(f.call("DescribeActiveReceiptRuleSet"), "/r/Metadata/Name")).isEqualTo("two");

        f.call("SetActiveReceiptRuleSet");
        assertThat(f.call("DescribeActiveReceiptRuleSet")).isEmpty();

        f.call("SetActiveReceiptRuleSet", "RuleSetName", "one");
        f.call("SetActiveReceiptRuleSet", "RuleSetName", "");
        assertThat(f.call("DescribeActiveReceiptRuleSet")).isEmpty();
    }

    @Test
    void deleteIsIdempotentRefusesTheActiveSetAndCascades() {
        f.call("DeleteReceiptRuleSet", "RuleSetName", "ghost");
        f.createSet("rs");
        f.createRules("rs", "r1");
        f.call("SetActiveReceiptRuleSet", "RuleSetName", "rs");
        f.assertError("CannotDelete", "Cannot delete active rule set: rs", "DeleteReceiptRuleSet", "RuleSetName", "rs");
        f.call("SetActiveReceiptRuleSet");
        f.call("DeleteReceiptRuleSet", "RuleSetName", "rs");
        assertThat(f.call("ListReceiptRuleSets")).isEqualTo("<RuleSets/>");
        f.createSet("rs");
        assertThat(f.ruleNames("rs")).isEmpty();
    }

    @Test
    void cloneIsADeepInactiveCopyWithItsOwnTimestamp() {
        f.createSet("src");
        f.createRules("src", "r1", "r2");
        f.call("CreateReceiptRule", "RuleSetName", "src", "After", "r2",
                "Rule.Name", "r3", "Rule.Enabled", "true", "Rule.Recipients.member.1", "b@example.com",
                "Rule.Recipients.member.2", "a@example.com",
                "Rule.Actions.member.1.AddHeaderAction.HeaderName", "X-A",
                "Rule.Actions.member.1.AddHeaderAction.HeaderValue", "1");
        f.call("SetActiveReceiptRuleSet", "RuleSetName", "src");
        f.clock.advance(Duration.ofSeconds(5));

        f.call("CloneReceiptRuleSet", "RuleSetName", "copy", "OriginalRuleSetName", "src");

        String copy = f.call("DescribeReceiptRuleSet", "RuleSetName", "copy");
        String src = f.call("DescribeReceiptRuleSet", "RuleSetName", "src");
        assertThat(copy.substring(copy.indexOf("<Rules>"))).isEqualTo(src.substring(src.indexOf("<Rules>")));
        assertThat(value(copy, "/r/Metadata/CreatedTimestamp")).isEqualTo("2024-05-06T07:08:14.123Z");
        assertThat(value(f.call("DescribeActiveReceiptRuleSet"), "/r/Metadata/Name")).isEqualTo("src");

        // Later edits of the source do not leak into the clone.
        f.call("DeleteReceiptRule", "RuleSetName", "src", "RuleName", "r1");
        f.call("UpdateReceiptRule", "RuleSetName", "src", "Rule.Name", "r3");
        assertThat(f.ruleNames("copy")).containsExactly("r1", "r2", "r3");
        assertThat(value(f.call("DescribeReceiptRule", "RuleSetName", "copy", "RuleName", "r3"), "/r/Rule/Enabled"))
                .isEqualTo("true");
    }

    @Test
    void cloneErrorPrecedence() {
        f.createSet("empty");
        f.call("CloneReceiptRuleSet", "RuleSetName", "copy", "OriginalRuleSetName", "empty");
        assertThat(f.ruleNames("copy")).isEmpty();

        f.assertError("RuleSetDoesNotExist", "Rule set does not exist: ghost", "CloneReceiptRuleSet",
                "RuleSetName", "new", "OriginalRuleSetName", "ghost");
        f.assertError("AlreadyExists", "Rule set already exists: copy", "CloneReceiptRuleSet",
                "RuleSetName", "copy", "OriginalRuleSetName", "ghost");
        f.assertError("InvalidParameterValue", "RuleSetName is required.", "CloneReceiptRuleSet");
        f.assertError("InvalidParameterValue", "OriginalRuleSetName is required.", "CloneReceiptRuleSet",
                "RuleSetName", "x");
        String pattern = "failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9_.-]+$";
        f.assertError("ValidationError", "2 validation errors detected: Value at 'originalRuleSetName' " + pattern
                        + "; Value at 'ruleSetName' " + pattern,
                "CloneReceiptRuleSet", "RuleSetName", "bad target!", "OriginalRuleSetName", "bad source!");
        f.assertError("InvalidParameterValue", "Not a valid ruleSetName: " + "a".repeat(65), "CloneReceiptRuleSet",
                "RuleSetName", "a".repeat(65), "OriginalRuleSetName", "b".repeat(65));
        f.assertError("InvalidParameterValue", "Not a valid ruleSetName: " + "b".repeat(65), "CloneReceiptRuleSet",
                "RuleSetName", "fine", "OriginalRuleSetName", "b".repeat(65));
    }

    @Test
    void regionsAreIsolated() {
        f.call(EAST, "CreateReceiptRuleSet", "RuleSetName", "rs");
        assertThat(f.call(WEST, "ListReceiptRuleSets")).isEqualTo("<RuleSets/>");
        assertThat(f.fail(WEST, "DescribeReceiptRuleSet", "RuleSetName", "rs").code()).isEqualTo("RuleSetDoesNotExist");
        f.call(WEST, "CreateReceiptRuleSet", "RuleSetName", "rs");
        f.call(WEST, "CreateReceiptRuleSet", "RuleSetName", "other");
        f.call(EAST, "SetActiveReceiptRuleSet", "RuleSetName", "rs");
        f.call(WEST, "SetActiveReceiptRuleSet", "RuleSetName", "other");
        assertThat(value(f.call(EAST, "DescribeActiveReceiptRuleSet"), "/r/Metadata/Name")).isEqualTo("rs");
        assertThat(value(f.call(WEST, "DescribeActiveReceiptRuleSet"), "/r/Metadata/Name")).isEqualTo("other");
        f.call(WEST, "SetActiveReceiptRuleSet");
        assertThat(value(f.call(EAST, "DescribeActiveReceiptRuleSet"), "/r/Metadata/Name")).isEqualTo("rs");
        // Deleting the WEST copy is allowed: only EAST's is active.
        f.call(WEST, "DeleteReceiptRuleSet", "RuleSetName", "rs");
        assertThat(values(f.call(EAST, "ListReceiptRuleSets"), "/r/RuleSets/member/Name")).containsExactly("rs");
    }
}

package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.inlet.engine.snapshot.Fixtures.disabled;
import static io.inlet.engine.snapshot.Fixtures.names;
import static io.inlet.engine.snapshot.Fixtures.rule;
import static io.inlet.engine.snapshot.Fixtures.set;
import static io.inlet.engine.snapshot.Fixtures.tlsRule;
import static org.assertj.core.api.Assertions.assertThat;

class RecipientMatcherTest {

    private static final Set<String> VERIFIED = Set.of("example.com", "example.org");

    private static boolean matches(String condition, String recipient) {
        ReceiptRule r = condition == null ? rule("r") : rule("r", condition);
        RecipientMatcher m = RecipientMatcher.of(Optional.of(set(r)), VERIFIED);
        return !m.match(recipient).isEmpty();
    }

    @ParameterizedTest(name = "[{0}] vs {1} → {2}")
    @CsvSource(delimiter = '|', textBlock = """
            user@example.com      | user@example.com          | true
            user@example.com      | user+tag@example.com      | true
            user@example.com      | user+a+b@example.com      | true
            user@example.com      | user+@example.com         | true
            user@example.com      | other@example.com         | false
            user@example.com      | user@sub.example.com      | false
            user@example.com      | userx@example.com         | false
            user@example.com      | +user@example.com         | false
            user+tag@example.com  | user+tag@example.com      | true
            user+tag@example.com  | user@example.com          | false
            user+tag@example.com  | user+other@example.com    | false
            user+tag@example.com  | user+tag+more@example.com | false
            example.com           | anyone@example.com        | true
            example.com           | a+b@example.com           | true
            example.com           | x@sub.example.com         | false
            example.com           | x@example.org             | false
            sub.example.com       | x@sub.example.com         | true
            sub.example.com       | x@example.com             | false
            sub.example.com       | x@a.sub.example.com       | false
            .example.com          | x@a.example.com           | true
            .example.com          | x@b.c.example.com         | true
            .example.com          | x@example.com             | false
            .example.com          | x@notexample.com          | false
            .sub.example.com      | x@a.sub.example.com       | true
            .sub.example.com      | x@sub.example.com         | false
            .sub.example.com      | x@other.example.com       | false
            User@Example.COM      | uSER+Tag@EXAMPLE.com      | true
            EXAMPLE.COM           | Who@example.Com           | true
            .Example.Com          | who@A.EXAMPLE.COM         | true
            user+TAG@example.com  | USER+tag@Example.com      | true
            user@example.com      | user                      | false
            user@example.com      | user@                     | false
            example.com           | @example.com              | false
            """)
    void matchingTable(String condition, String recipient, boolean expected) {
        assertThat(matches(condition, recipient)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "catch-all rule vs {0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            a@example.com       | true
            a@EXAMPLE.COM       | true
            a@sub.example.com   | true
            a@x.y.example.org   | true
            a@example.net       | false
            a@notexample.com    | false
            a@com               | false
            a@[192.0.2.1]       | false
            """)
    void ruleWithoutRecipientsTakesVerifiedDomainsAndSubdomains(String recipient, boolean expected) {
        assertThat(matches(null, recipient)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "condition {0} for unverified recipient {1} → no match")
    @CsvSource(delimiter = '|', textBlock = """
            user@other.net  | user@other.net
            other.net       | a@other.net
            .other.net      | a@b.other.net
            """)
    void recipientsOutsideVerifiedDomainsNeverMatch(String condition, String recipient) {
        assertThat(matches(condition, recipient)).isFalse();
    }

    @Test
    void disabledRulesAreIgnored() {
        RecipientMatcher m = RecipientMatcher.of(Optional.of(set(
                disabled("off", "user@example.com"),
                disabled("offCatchAll"),
                rule("on", "other@example.com"))), VERIFIED);
        assertThat(m.match("user@example.com")).isEmpty();
        assertThat(names(m.match("other@example.com"))).containsExactly("on");
    }

    @Test
    void noActiveSetMatchesNothing() {
        RecipientMatcher m = RecipientMatcher.of(Optional.empty(), VERIFIED);
        assertThat(m.match("user@example.com")).isEmpty();
    }

    @Test
    void rulesComeBackInSetOrderOnceEachWithTheirIndex() {
        RecipientMatcher m = RecipientMatcher.of(Optional.of(set(
                rule("bySub", ".example.com"),
                disabled("off", "a@x.example.com"),
                rule("byAddress", "a@x.example.com", "a+t@x.example.com", "A@X.example.com"),
                rule("other", "b@x.example.com"),
                rule("catchAll"),
                rule("byDomain", "x.example.com"),
                rule("byBase", "a@x.example.com"))), VERIFIED);

        List<MatchedRule> matches = m.match("a+t@x.example.com");

        assertThat(names(matches)).containsExactly("bySub", "byAddress", "catchAll", "byDomain", "byBase");
        assertThat(matches).extracting(MatchedRule::index).containsExactly(0, 2, 4, 5, 6);
    }

    @ParameterizedTest(name = "TLS required: {0}")
    @CsvSource({"false, false, false", "true, false, true", "false, true, true"})
    void requiresTlsWhenAnyMatchingRuleRequiresIt(boolean first, boolean second, boolean expected) {
        RecipientMatcher m = RecipientMatcher.of(Optional.of(set(
                first ? tlsRule("a", "example.com") : rule("a", "example.com"),
                second ? tlsRule("b") : rule("b"),
                tlsRule("notMatching", "z@example.org"))), VERIFIED);
        assertThat(RecipientMatcher.requiresTls(m.match("u@example.com"))).isEqualTo(expected);
    }

    @Test
    void twoHundredRulesEachTakeOnlyTheirOwnRecipients() {
        // speed is measured by the JMH benchmark, not here; this checks the indexes stay exact at scale
        List<ReceiptRule> rules = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            rules.add(rule("r" + i, "user" + i + "@example.com", "d" + i + ".example.com", ".s" + i + ".example.com"));
        }
        RecipientMatcher m = RecipientMatcher.of(Optional.of(set(rules.toArray(ReceiptRule[]::new))), VERIFIED);
        for (int r = 0; r < 200; r++) {
            assertThat(names(m.match("user" + r + "+x@example.com"))).containsExactly("r" + r);
            assertThat(names(m.match("who@a.s" + r + ".example.com"))).containsExactly("r" + r);
            assertThat(names(m.match("who@d" + r + ".example.com"))).containsExactly("r" + r);
        }
    }
}

package io.inlet.deploy.it;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.CannotDeleteException;
import software.amazon.awssdk.services.ses.model.DescribeActiveReceiptRuleSetResponse;
import software.amazon.awssdk.services.ses.model.DescribeReceiptRuleSetResponse;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;
import software.amazon.awssdk.services.ses.model.RuleDoesNotExistException;
import software.amazon.awssdk.services.ses.model.RuleSetDoesNotExistException;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static io.inlet.deploy.it.SesErrors.assertValidationError;
import static io.inlet.deploy.it.SesErrors.patternViolation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Rule set operations through the SDK: Create, Clone, Delete, Describe, DescribeActive, List,
 * SetActive and Reorder (SES-RECEIVING.md §1.4, §5, §6.4-§6.6; peers.md G-RS). Tests that depend on
 * the region's active set or on the number of sets run in a region of their own.
 */
class ReceiptRuleSetApiTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient ses;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
        ses = inlet.ses();
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    // --- CreateReceiptRuleSet / DescribeReceiptRuleSet ---------------------------------------------

    @Test
    void createdSetIsDescribedWithMetadataAndNoRules() {
        String name = unique("created");
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);

        ses.createReceiptRuleSet(b -> b.ruleSetName(name));

        DescribeReceiptRuleSetResponse described = ses.describeReceiptRuleSet(b -> b.ruleSetName(name));
        assertThat(described.metadata().name()).isEqualTo(name);
        assertThat(described.metadata().createdTimestamp())
                .isBetween(before, Instant.now().plusSeconds(1));
        assertThat(described.rules()).isEmpty();
    }

    @Test
    void creatingAnExistingSetFailsWithAlreadyExists() {
        String name = unique("twice");
        ses.createReceiptRuleSet(b -> b.ruleSetName(name));
        Instant created = ses.describeReceiptRuleSet(b -> b.ruleSetName(name)).metadata().createdTimestamp();

        assertSesError(() -> ses.createReceiptRuleSet(b -> b.ruleSetName(name)),
                AlreadyExistsException.class, "AlreadyExists", "Rule set already exists: " + name);
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(name)).metadata().createdTimestamp()).isEqualTo(created);
    }

    @Test
    void ruleSetNamesMayHoldLettersDigitsUnderscoreDashAndDot() {
        String name = unique("A_b.c") + "-9";
        ses.createReceiptRuleSet(b -> b.ruleSetName(name));
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(name)).metadata().name()).isEqualTo(name);
        String longest = "n".repeat(64);
        ses.createReceiptRuleSet(b -> b.ruleSetName(longest));
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(longest)).metadata().name()).isEqualTo(longest);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "123\"", "semi;colon", "slash/name", "caf\u00e9"})
    void ruleSetNameOutsideThePatternIsAValidationError(String name) {
        assertValidationError(() -> ses.createReceiptRuleSet(b -> b.ruleSetName(name)), patternViolation("ruleSetName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_123", "123_", "-abc", "abc.", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void ruleSetNameTooLongOrWithBadBoundaryIsInvalidParameterValue(String name) {
        assertInvalidParameter(() -> ses.createReceiptRuleSet(b -> b.ruleSetName(name)), "Not a valid ruleSetName: " + name);
    }

    @Test
    void absentRuleSetNameIsRequired() {
        assertInvalidParameter(() -> ses.createReceiptRuleSet(b -> { }), "RuleSetName is required.");
    }

    static Stream<Arguments> operationsWithoutTheirRuleSetName() {
        return Stream.of(
                Arguments.of("DescribeReceiptRuleSet", (ThrowingCallable) () -> ses.describeReceiptRuleSet(b -> { })),
                Arguments.of("DeleteReceiptRuleSet", (ThrowingCallable) () -> ses.deleteReceiptRuleSet(b -> { })),
                Arguments.of("CloneReceiptRuleSet", (ThrowingCallable) () -> ses.cloneReceiptRuleSet(b -> b.originalRuleSetName("x"))),
                Arguments.of("ReorderReceiptRuleSet", (ThrowingCallable) () -> ses.reorderReceiptRuleSet(b -> b.ruleNames("a"))),
                Arguments.of("CreateReceiptRule", (ThrowingCallable) () -> ses.createReceiptRule(b -> b.rule(Rules.rule("r")))),
                Arguments.of("UpdateReceiptRule", (ThrowingCallable) () -> ses.updateReceiptRule(b -> b.rule(Rules.rule("r")))),
                Arguments.of("DeleteReceiptRule", (ThrowingCallable) () -> ses.deleteReceiptRule(b -> b.ruleName("r"))),
                Arguments.of("DescribeReceiptRule", (ThrowingCallable) () -> ses.describeReceiptRule(b -> b.ruleName("r"))),
                Arguments.of("SetReceiptRulePosition", (ThrowingCallable) () -> ses.setReceiptRulePosition(b -> b.ruleName("r"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operationsWithoutTheirRuleSetName")
    void anAbsentRuleSetNameIsRequiredEverywhere(String operation, ThrowingCallable call) {
        assertInvalidParameter(call, "RuleSetName is required.");
    }

    @Test
    void anAbsentRuleNameIsRequired() {
        String set = unique("rule-name-required");
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        assertInvalidParameter(() -> ses.deleteReceiptRule(b -> b.ruleSetName(set)), "RuleName is required.");
        assertInvalidParameter(() -> ses.setReceiptRulePosition(b -> b.ruleSetName(set)), "RuleName is required.");
    }

    @Test
    void emptyRuleSetNameViolatesLengthAndPattern() {
        assertValidationError(() -> ses.createReceiptRuleSet(b -> b.ruleSetName("")),
                "2 validation errors detected: "
                        + "Value at 'ruleSetName' failed to satisfy constraint: Member must have length greater than or equal to 1; "
                        + "Value at 'ruleSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + SesErrors.NAME_PATTERN);
    }

    @Test
    void describingAMissingSetFailsWithRuleSetDoesNotExist() {
        assertSesError(() -> ses.describeReceiptRuleSet(b -> b.ruleSetName("no-such-set")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: no-such-set");
    }

    @Test
    void describeReturnsRulesInOrderWithAllMembers() {
        String set = unique("described");
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        ReceiptRule first = ReceiptRule.builder().name("first").enabled(true).tlsPolicy(TlsPolicy.REQUIRE)
                .scanEnabled(true).recipients("a@example.com", "example.org")
                .actions(Rules.addHeader("X-First", "1"), Rules.stop()).build();
        ReceiptRule second = ReceiptRule.builder().name("second").enabled(false).tlsPolicy(TlsPolicy.OPTIONAL)
                .scanEnabled(false).recipients(".example.net").actions(Rules.sns(Rules.TOPIC,
                        software.amazon.awssdk.services.ses.model.SNSActionEncoding.BASE64)).build();
        Rules.create(ses, set, second);
        Rules.create(ses, set, first);

        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(set)).rules()).containsExactly(first, second);
    }

    // --- ListReceiptRuleSets ---------------------------------------------------------------------

    @Test
    void listShowsEverySetInCreationOrderWithTimestamps() {
        SesClient region = inlet.ses("eu-north-1");
        assertThat(region.listReceiptRuleSets(b -> { }).ruleSets()).isEmpty();
        List<String> names = List.of("zulu", "alpha", "mike", "Bravo");
        names.forEach(n -> region.createReceiptRuleSet(b -> b.ruleSetName(n)));

        var listed = region.listReceiptRuleSets(b -> { });

        assertThat(listed.ruleSets()).extracting(ReceiptRuleSetMetadata::name).containsExactlyElementsOf(names);
        assertThat(listed.ruleSets()).allSatisfy(m -> assertThat(m.createdTimestamp()).isNotNull());
        assertThat(listed.ruleSets()).extracting(ReceiptRuleSetMetadata::createdTimestamp).isSorted();
        assertThat(listed.nextToken()).isNull();
        assertThat(listed.ruleSets().get(1).createdTimestamp())
                .isEqualTo(region.describeReceiptRuleSet(b -> b.ruleSetName("alpha")).metadata().createdTimestamp());
    }

    @Test
    void aNextTokenTheServerDidNotIssueIsAClientError() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ses.listReceiptRuleSets(b -> b.nextToken("not-a-token")))
                .isExactlyInstanceOf(software.amazon.awssdk.services.ses.model.SesException.class)
                .satisfies(e -> assertThat(((software.amazon.awssdk.services.ses.model.SesException) e).statusCode())
                        .isEqualTo(400));
    }

    // --- SetActiveReceiptRuleSet / DescribeActiveReceiptRuleSet ------------------------------------

    @Test
    void noActiveSetDescribesAsEmptyResult() {
        SesClient region = inlet.ses("ap-south-1");
        DescribeActiveReceiptRuleSetResponse active = region.describeActiveReceiptRuleSet(b -> { });
        assertThat(active.metadata()).isNull();
        assertThat(active.hasRules()).isFalse();
    }

    @Test
    void activatingSwitchingAndClearingTheActiveSet() {
        SesClient region = inlet.ses("eu-west-3");
        Rules.ruleSetWith(region, "one", "r1", "r2", "r3");
        region.createReceiptRuleSet(b -> b.ruleSetName("two"));

        region.setActiveReceiptRuleSet(b -> b.ruleSetName("one"));
        DescribeActiveReceiptRuleSetResponse active = region.describeActiveReceiptRuleSet(b -> { });
        assertThat(active.metadata().name()).isEqualTo("one");
        assertThat(active.metadata().createdTimestamp())
                .isEqualTo(region.describeReceiptRuleSet(b -> b.ruleSetName("one")).metadata().createdTimestamp());
        assertThat(active.rules()).extracting(ReceiptRule::name).containsExactly("r1", "r2", "r3");

        region.setActiveReceiptRuleSet(b -> b.ruleSetName("two"));
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("two"));
        active = region.describeActiveReceiptRuleSet(b -> { });
        assertThat(active.metadata().name()).isEqualTo("two");
        assertThat(active.rules()).isEmpty();

        region.setActiveReceiptRuleSet(b -> { });
        active = region.describeActiveReceiptRuleSet(b -> { });
        assertThat(active.metadata()).isNull();
        assertThat(active.hasRules()).isFalse();
        // clearing when nothing is active is fine too
        assertThatCode(() -> region.setActiveReceiptRuleSet(b -> { })).doesNotThrowAnyException();
    }

    @Test
    void activatingAMissingSetFailsAndKeepsTheActiveSet() {
        SesClient region = inlet.ses("ca-central-1");
        region.createReceiptRuleSet(b -> b.ruleSetName("kept"));
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("kept"));

        assertSesError(() -> region.setActiveReceiptRuleSet(b -> b.ruleSetName("NonExistentRuleSet")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: NonExistentRuleSet");
        assertThat(region.describeActiveReceiptRuleSet(b -> { }).metadata().name()).isEqualTo("kept");
    }

    // --- DeleteReceiptRuleSet --------------------------------------------------------------------

    @Test
    void deletingAMissingSetSucceeds() {
        assertThatCode(() -> ses.deleteReceiptRuleSet(b -> b.ruleSetName("never-created"))).doesNotThrowAnyException();
    }

    @Test
    void deletingASetRemovesItAndItsRules() {
        String set = unique("doomed");
        Rules.ruleSetWith(ses, set, "x", "y");

        ses.deleteReceiptRuleSet(b -> b.ruleSetName(set));

        assertThat(ses.listReceiptRuleSets(b -> { }).ruleSets()).extracting(ReceiptRuleSetMetadata::name).doesNotContain(set);
        assertSesError(() -> ses.describeReceiptRuleSet(b -> b.ruleSetName(set)),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: " + set);
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(set)).rules()).isEmpty();
    }

    @Test
    void theActiveSetCannotBeDeletedUntilDeactivated() {
        SesClient region = inlet.ses("sa-east-1");
        Rules.ruleSetWith(region, "testRuleSet", "r");
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("testRuleSet"));

        assertSesError(() -> region.deleteReceiptRuleSet(b -> b.ruleSetName("testRuleSet")),
                CannotDeleteException.class, "CannotDelete", "Cannot delete active rule set: testRuleSet");
        assertThat(Rules.ruleNames(region, "testRuleSet")).containsExactly("r");

        region.setActiveReceiptRuleSet(b -> { });
        region.deleteReceiptRuleSet(b -> b.ruleSetName("testRuleSet"));
        assertThat(region.listReceiptRuleSets(b -> { }).ruleSets()).isEmpty();
    }

    // --- CloneReceiptRuleSet ---------------------------------------------------------------------

    @Test
    void cloneDeepCopiesRulesIntoANewInactiveSet() {
        SesClient region = inlet.ses("eu-south-1");
        region.createReceiptRuleSet(b -> b.ruleSetName("source"));
        ReceiptRule a = Rules.rule("a", List.of("a@example.com"), Rules.addHeader("X-A", "1"));
        ReceiptRule b2 = Rules.rule("b", List.of("example.com"), Rules.sns(Rules.TOPIC,
                software.amazon.awssdk.services.ses.model.SNSActionEncoding.UTF_8));
        Rules.create(region, "source", b2);
        Rules.create(region, "source", a);
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("source"));
        Instant sourceCreated = region.describeReceiptRuleSet(b -> b.ruleSetName("source")).metadata().createdTimestamp();

        region.cloneReceiptRuleSet(b -> b.ruleSetName("copy").originalRuleSetName("source"));

        DescribeReceiptRuleSetResponse copy = region.describeReceiptRuleSet(b -> b.ruleSetName("copy"));
        assertThat(copy.metadata().name()).isEqualTo("copy");
        assertThat(copy.metadata().createdTimestamp()).isAfterOrEqualTo(sourceCreated);
        assertThat(copy.rules()).containsExactly(a, b2);
        assertThat(region.describeActiveReceiptRuleSet(b -> { }).metadata().name()).isEqualTo("source");

        // later edits of the source do not leak into the copy
        region.updateReceiptRule(b -> b.ruleSetName("source").rule(Rules.rule("a")));
        region.deleteReceiptRule(b -> b.ruleSetName("source").ruleName("b"));
        assertThat(region.describeReceiptRuleSet(b -> b.ruleSetName("copy")).rules()).containsExactly(a, b2);
        assertThat(region.listReceiptRuleSets(b -> { }).ruleSets()).extracting(ReceiptRuleSetMetadata::name)
                .containsExactly("source", "copy");
    }

    @Test
    void cloningAnEmptySetWorks() {
        String source = unique("empty-src");
        String copy = unique("empty-copy");
        ses.createReceiptRuleSet(b -> b.ruleSetName(source));
        ses.cloneReceiptRuleSet(b -> b.ruleSetName(copy).originalRuleSetName(source));
        assertThat(ses.describeReceiptRuleSet(b -> b.ruleSetName(copy)).rules()).isEmpty();
    }

    @Test
    void cloneFromAMissingSetFailsWithRuleSetDoesNotExist() {
        String copy = unique("orphan");
        assertSesError(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName(copy).originalRuleSetName("NonExistentRuleSet")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: NonExistentRuleSet");
        assertThat(ses.listReceiptRuleSets(b -> { }).ruleSets()).extracting(ReceiptRuleSetMetadata::name).doesNotContain(copy);
    }

    @Test
    void cloneOntoAnExistingNameFailsWithAlreadyExists() {
        String set = unique("testRuleSet");
        Rules.ruleSetWith(ses, set, "keep");
        assertSesError(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName(set).originalRuleSetName(set)),
                AlreadyExistsException.class, "AlreadyExists", "Rule set already exists: " + set);
        // an existing target is reported before a missing source
        assertSesError(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName(set).originalRuleSetName("missing-source")),
                AlreadyExistsException.class, "AlreadyExists", "Rule set already exists: " + set);
        assertThat(ruleNames(ses, set)).containsExactly("keep");
    }

    @Test
    void cloneWithBothNamesMalformedListsTheOriginalFirst() {
        assertValidationError(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName("bad target").originalRuleSetName("bad source")),
                "2 validation errors detected: "
                        + "Value at 'originalRuleSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + SesErrors.NAME_PATTERN + "; "
                        + "Value at 'ruleSetName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                        + SesErrors.NAME_PATTERN);
    }

    @Test
    void cloneWithBothNamesTooLongReportsTheTarget() {
        String target = "t".repeat(65);
        String source = "s".repeat(65);
        assertInvalidParameter(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName(target).originalRuleSetName(source)),
                "Not a valid ruleSetName: " + target);
    }

    // --- ReorderReceiptRuleSet -------------------------------------------------------------------

    @Test
    void reorderAppliesAPermutation() {
        String set = unique("reorder");
        Rules.ruleSetWith(ses, set, "a", "b", "c");

        ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("c", "a", "b"));
        assertThat(ruleNames(ses, set)).containsExactly("c", "a", "b");

        ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("c", "a", "b"));
        assertThat(ruleNames(ses, set)).containsExactly("c", "a", "b");
    }

    @Test
    void reorderOfAnEmptySetWithNoNamesIsANoOp() {
        String set = unique("reorder-empty");
        ses.createReceiptRuleSet(b -> b.ruleSetName(set));
        assertThatCode(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames(List.of())))
                .doesNotThrowAnyException();
        assertThat(ruleNames(ses, set)).isEmpty();
    }

    @Test
    void reorderErrorsComeInTheProbedPrecedenceAndLeaveTheOrderUnchanged() {
        String set = unique("precedence");
        Rules.ruleSetWith(ses, set, "b", "c", "a");

        // 1. set existence first, whatever the names
        assertSesError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName("no-such-set").ruleNames("x", "x")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: no-such-set");
        // 2. a duplicate, even of an unknown name, before missing and unknown rules
        assertInvalidParameter(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "zz", "zz")),
                "Multiple positions found for rule: zz");
        assertInvalidParameter(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "b", "c", "a")),
                "Multiple positions found for rule: a");
        // 3. rules of the set missing from the request, named in set order, before unknown names
        assertInvalidParameter(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "unknown")),
                "Positions for rules not found: b, c");
        assertInvalidParameter(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames(List.of())),
                "Positions for rules not found: b, c, a");
        // 4. unknown names, the first in request order
        assertSesError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "zz", "b", "yy", "c")),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: zz");

        assertThat(ruleNames(ses, set)).containsExactly("b", "c", "a");
    }

    @Test
    void reorderWithAMalformedNameIsAValidationError() {
        String set = unique("reorder-bad");
        Rules.ruleSetWith(ses, set, "a");
        assertValidationError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "bad name")),
                "1 validation error detected: Value at 'ruleNames' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must have length less than or equal to 100, Member must have length greater than or equal to 1, "
                        + "Member must satisfy regular expression pattern: " + SesErrors.NAME_PATTERN + "]");
        String tooLong = "r".repeat(101);
        assertValidationError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", tooLong)),
                "1 validation error detected: Value at 'ruleNames' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must have length less than or equal to 100, Member must have length greater than or equal to 1, "
                        + "Member must satisfy regular expression pattern: " + SesErrors.NAME_PATTERN + "]");
        assertValidationError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", "")),
                "1 validation error detected: Value at 'ruleNames' failed to satisfy constraint: Member must satisfy constraint: "
                        + "[Member must have length less than or equal to 100, Member must have length greater than or equal to 1, "
                        + "Member must satisfy regular expression pattern: " + SesErrors.NAME_PATTERN + "]");
        // a long name that passes the member constraints is just unknown
        String longButValid = "r".repeat(100);
        assertSesError(() -> ses.reorderReceiptRuleSet(b -> b.ruleSetName(set).ruleNames("a", longButValid)),
                RuleDoesNotExistException.class, "RuleDoesNotExist", "Rule does not exist: " + longButValid);
        assertThat(ruleNames(ses, set)).containsExactly("a");
    }

    /** G-RR-17: a reader never sees "no active set", or one set's metadata with another's rules, mid-switch. */
    @Test
    void describeActiveIsConsistentWhileTheActiveSetSwitches() throws Exception {
        SesClient region = inlet.ses("il-central-1");
        Rules.ruleSetWith(region, "set-a", "a-rule-1", "a-rule-2");
        Rules.ruleSetWith(region, "set-b", "b-rule-1");
        region.setActiveReceiptRuleSet(b -> b.ruleSetName("set-a"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<?> switcher = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    String next = i % 2 == 0 ? "set-b" : "set-a";
                    region.setActiveReceiptRuleSet(b -> b.ruleSetName(next));
                }
            });
            int reads = 0;
            while (!switcher.isDone() || reads < 10) {
                DescribeActiveReceiptRuleSetResponse active = region.describeActiveReceiptRuleSet(b -> { });
                assertThat(active.metadata()).as("active set during a switch").isNotNull();
                List<String> rules = active.rules().stream().map(ReceiptRule::name).toList();
                if (active.metadata().name().equals("set-a")) {
                    assertThat(rules).containsExactly("a-rule-1", "a-rule-2");
                } else {
                    assertThat(rules).containsExactly("b-rule-1");
                }
                reads++;
            }
            switcher.get();
        } finally {
            pool.shutdownNow();
        }
    }

    // --- limit -----------------------------------------------------------------------------------

    @Test
    void theFortyFirstRuleSetExceedsTheDefaultLimit() {
        SesClient region = inlet.ses("me-south-1");
        for (int i = 1; i <= 40; i++) {
            String name = "set-" + i;
            region.createReceiptRuleSet(b -> b.ruleSetName(name));
        }

        assertSesError(() -> region.createReceiptRuleSet(b -> b.ruleSetName("set-41")),
                LimitExceededException.class, "LimitExceeded", "Too many rule sets");
        assertSesError(() -> region.cloneReceiptRuleSet(b -> b.ruleSetName("set-41").originalRuleSetName("set-1")),
                LimitExceededException.class, "LimitExceeded", "Too many rule sets");
        assertThat(region.listReceiptRuleSets(b -> { }).ruleSets()).hasSize(40);

        region.deleteReceiptRuleSet(b -> b.ruleSetName("set-1"));
        assertThatCode(() -> region.createReceiptRuleSet(b -> b.ruleSetName("set-41"))).doesNotThrowAnyException();
    }
}

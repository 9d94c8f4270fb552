package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.AlreadyExistsException;
import software.amazon.awssdk.services.ses.model.LimitExceededException;
import software.amazon.awssdk.services.ses.model.ReceiptFilter;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptIpFilter;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The configurable limits (SES-RECEIVING.md Part 1 "Control plane", §5; peers.md G-RS-13,
 * G-RR-12, G-RF-07), configured small: 3 rule sets per region, 3 rules per set, 2 actions per
 * rule, 2 filters per region. Each test works in a region of its own.
 */
class ReceiptLimitsTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir, Map.of(
                "limits.rule-sets", "3",
                "limits.rules-per-set", "3",
                "limits.actions-per-rule", "2",
                "limits.filters", "2"));
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    static ReceiptFilter filter(String name, String cidr) {
        return ReceiptFilter.builder().name(name)
                .ipFilter(ReceiptIpFilter.builder().policy(ReceiptFilterPolicy.BLOCK).cidr(cidr).build()).build();
    }

    @Test
    void ruleSetsPerRegion() {
        SesClient ses = inlet.ses("us-east-1");
        for (String name : List.of("s1", "s2", "s3")) {
            ses.createReceiptRuleSet(b -> b.ruleSetName(name));
        }

        assertSesError(() -> ses.createReceiptRuleSet(b -> b.ruleSetName("s4")),
                LimitExceededException.class, "LimitExceeded", "Too many rule sets");
        assertSesError(() -> ses.cloneReceiptRuleSet(b -> b.ruleSetName("s4").originalRuleSetName("s1")),
                LimitExceededException.class, "LimitExceeded", "Too many rule sets");
        // an existing name is still reported as such
        assertSesError(() -> ses.createReceiptRuleSet(b -> b.ruleSetName("s1")),
                AlreadyExistsException.class, "AlreadyExists", "Rule set already exists: s1");
        assertThat(ses.listReceiptRuleSets(b -> { }).ruleSets()).extracting(ReceiptRuleSetMetadata::name)
                .containsExactly("s1", "s2", "s3");

        // the limit is per region
        SesClient other = inlet.ses("us-west-2");
        for (String name : List.of("s1", "s2", "s3")) {
            other.createReceiptRuleSet(b -> b.ruleSetName(name));
        }

        // deleting one frees a place, for Create and for Clone
        ses.deleteReceiptRuleSet(b -> b.ruleSetName("s3"));
        ses.cloneReceiptRuleSet(b -> b.ruleSetName("s4").originalRuleSetName("s1"));
        ses.deleteReceiptRuleSet(b -> b.ruleSetName("s4"));
        assertThatCode(() -> ses.createReceiptRuleSet(b -> b.ruleSetName("s5"))).doesNotThrowAnyException();
    }

    @Test
    void rulesPerSet() {
        SesClient ses = inlet.ses("eu-west-1");
        Rules.ruleSetWith(ses, "full", "r1", "r2", "r3");

        assertSesError(() -> Rules.create(ses, "full", rule("r4")),
                LimitExceededException.class, "LimitExceeded", "Too many rules");
        assertSesError(() -> Rules.createAfter(ses, "full", "r3", rule("r4")),
                LimitExceededException.class, "LimitExceeded", "Too many rules");
        // validation order: a duplicate is reported before the limit, the limit before action targets
        assertSesError(() -> Rules.create(ses, "full", rule("r1")),
                AlreadyExistsException.class, "AlreadyExists", "Rule already exists: r1");
        assertSesError(() -> Rules.create(ses, "full", rule("r4", List.of(), Rules.sns("not-a-topic"))),
                LimitExceededException.class, "LimitExceeded", "Too many rules");
        assertThat(ruleNames(ses, "full")).containsExactly("r1", "r2", "r3");

        // a full set can still be updated and reordered; another set has its own count
        ses.updateReceiptRule(b -> b.ruleSetName("full").rule(rule("r2", List.of("x@example.com"), Rules.addHeader("X", "1"))));
        ses.reorderReceiptRuleSet(b -> b.ruleSetName("full").ruleNames("r3", "r2", "r1"));
        ses.setReceiptRulePosition(b -> b.ruleSetName("full").ruleName("r1"));
        assertThat(ruleNames(ses, "full")).containsExactly("r1", "r3", "r2");
        Rules.ruleSetWith(ses, "other", "o1", "o2", "o3");

        // a clone of a full set is full too
        ses.cloneReceiptRuleSet(b -> b.ruleSetName("clone").originalRuleSetName("full"));
        assertSesError(() -> Rules.create(ses, "clone", rule("r4")),
                LimitExceededException.class, "LimitExceeded", "Too many rules");

        ses.deleteReceiptRule(b -> b.ruleSetName("full").ruleName("r3"));
        Rules.create(ses, "full", rule("r4"));
        assertThat(ruleNames(ses, "full")).containsExactly("r4", "r1", "r2");
    }

    @Test
    void actionsPerRule() {
        SesClient ses = inlet.ses("eu-west-2");
        ses.createReceiptRuleSet(b -> b.ruleSetName("set"));

        assertSesError(() -> Rules.create(ses, "set", rule("three", List.of(),
                        Rules.addHeader("X-1", "1"), Rules.addHeader("X-2", "2"), Rules.stop())),
                LimitExceededException.class, "LimitExceeded", "Too many actions");
        Rules.create(ses, "set", rule("two", List.of(), Rules.addHeader("X-1", "1"), Rules.stop()));
        assertSesError(() -> ses.updateReceiptRule(b -> b.ruleSetName("set").rule(rule("two", List.of(),
                        Rules.addHeader("X-1", "1"), Rules.addHeader("X-2", "2"), Rules.addHeader("X-3", "3")))),
                LimitExceededException.class, "LimitExceeded", "Too many actions");
        assertThat(Rules.describe(ses, "set", "two").actions()).hasSize(2);
        assertThat(ruleNames(ses, "set")).containsExactly("two");
    }

    @Test
    void filtersPerRegion() {
        SesClient ses = inlet.ses("ap-southeast-2");
        ses.createReceiptFilter(b -> b.filter(filter("f1", "10.0.0.0/8")));
        ses.createReceiptFilter(b -> b.filter(filter("f2", "2001:db8::/32")));

        assertSesError(() -> ses.createReceiptFilter(b -> b.filter(filter("f3", "192.0.2.1"))),
                LimitExceededException.class, "LimitExceeded", "Too many filters");
        assertThat(ses.listReceiptFilters(b -> { }).filters()).extracting(ReceiptFilter::name).containsExactly("f1", "f2");

        // per region
        SesClient other = inlet.ses("ap-southeast-1");
        other.createReceiptFilter(b -> b.filter(filter("f1", "10.0.0.0/8")));
        other.createReceiptFilter(b -> b.filter(filter("f2", "10.0.0.0/8")));

        ses.deleteReceiptFilter(b -> b.filterName("f1"));
        ses.createReceiptFilter(b -> b.filter(filter("f3", "192.0.2.1")));
        assertThat(ses.listReceiptFilters(b -> { }).filters()).extracting(ReceiptFilter::name).containsExactly("f2", "f3");
    }
}

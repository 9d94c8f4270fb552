package io.inlet.deploy.it;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ses.SesClient;
import software.amazon.awssdk.services.ses.model.BounceAction;
import software.amazon.awssdk.services.ses.model.IdentityType;
import software.amazon.awssdk.services.ses.model.IdentityVerificationAttributes;
import software.amazon.awssdk.services.ses.model.InvocationType;
import software.amazon.awssdk.services.ses.model.ReceiptFilter;
import software.amazon.awssdk.services.ses.model.ReceiptFilterPolicy;
import software.amazon.awssdk.services.ses.model.ReceiptIpFilter;
import software.amazon.awssdk.services.ses.model.ReceiptRule;
import software.amazon.awssdk.services.ses.model.ReceiptRuleSetMetadata;
import software.amazon.awssdk.services.ses.model.RuleSetDoesNotExistException;
import software.amazon.awssdk.services.ses.model.S3Action;
import software.amazon.awssdk.services.ses.model.SNSActionEncoding;
import software.amazon.awssdk.services.ses.model.TlsPolicy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.inlet.deploy.it.Rules.rule;
import static io.inlet.deploy.it.Rules.ruleNames;
import static io.inlet.deploy.it.Rules.unique;
import static io.inlet.deploy.it.SesErrors.assertInvalidParameter;
import static io.inlet.deploy.it.SesErrors.assertSesError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The request's signing region selects the region: rule sets, the active set, filters and
 * identities of us-east-1 are invisible from us-west-2 and the other way round (SES-RECEIVING.md
 * Part 1 "Control plane", §1.10; peers.md G-RS-12, M-ID-02). And everything the API confirmed
 * survives a restart of the daemon on the same data directory.
 */
class RegionIsolationAndPersistenceTest {
    @TempDir
    static Path dataDir;
    static RunningInlet inlet;
    static SesClient east;
    static SesClient west;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dataDir);
        east = inlet.ses("us-east-1");
        west = inlet.ses("us-west-2");
    }

    @AfterAll
    static void stop() {
        inlet.close();
    }

    static List<String> setNames(SesClient client) {
        return client.listReceiptRuleSets(b -> { }).ruleSets().stream().map(ReceiptRuleSetMetadata::name).toList();
    }

    static ReceiptFilter filter(String name, ReceiptFilterPolicy policy, String cidr) {
        return ReceiptFilter.builder().name(name).ipFilter(ReceiptIpFilter.builder().policy(policy).cidr(cidr).build()).build();
    }

    // --- region isolation -------------------------------------------------------------------------

    @Test
    void ruleSetsAndRulesAreInvisibleAcrossRegions() {
        String eastOnly = unique("east-only");
        String shared = unique("shared");
        Rules.ruleSetWith(east, eastOnly, "r1");
        Rules.ruleSetWith(east, shared, "east-rule");
        Rules.ruleSetWith(west, shared, "west-rule-1", "west-rule-2");

        assertThat(setNames(east)).contains(eastOnly, shared);
        assertThat(setNames(west)).contains(shared).doesNotContain(eastOnly);
        assertSesError(() -> west.describeReceiptRuleSet(b -> b.ruleSetName(eastOnly)),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: " + eastOnly);
        assertSesError(() -> Rules.create(west, eastOnly, rule("r")),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: " + eastOnly);
        assertThat(ruleNames(east, shared)).containsExactly("east-rule");
        assertThat(ruleNames(west, shared)).containsExactly("west-rule-1", "west-rule-2");

        // deleting in one region leaves the other alone (and is a no-op where the set does not exist)
        west.deleteReceiptRuleSet(b -> b.ruleSetName(eastOnly));
        west.deleteReceiptRuleSet(b -> b.ruleSetName(shared));
        assertThat(ruleNames(east, eastOnly)).containsExactly("r1");
        assertThat(ruleNames(east, shared)).containsExactly("east-rule");
    }

    @Test
    void eachRegionHasItsOwnActiveSet() {
        String eastSet = unique("east-active");
        String westSet = unique("west-active");
        Rules.ruleSetWith(east, eastSet, "e");
        Rules.ruleSetWith(west, westSet, "w");

        east.setActiveReceiptRuleSet(b -> b.ruleSetName(eastSet));
        assertSesError(() -> west.setActiveReceiptRuleSet(b -> b.ruleSetName(eastSet)),
                RuleSetDoesNotExistException.class, "RuleSetDoesNotExist", "Rule set does not exist: " + eastSet);
        west.setActiveReceiptRuleSet(b -> b.ruleSetName(westSet));

        assertThat(east.describeActiveReceiptRuleSet(b -> { }).metadata().name()).isEqualTo(eastSet);
        assertThat(east.describeActiveReceiptRuleSet(b -> { }).rules()).extracting(ReceiptRule::name).containsExactly("e");
        assertThat(west.describeActiveReceiptRuleSet(b -> { }).metadata().name()).isEqualTo(westSet);
        assertThat(west.describeActiveReceiptRuleSet(b -> { }).rules()).extracting(ReceiptRule::name).containsExactly("w");

        west.setActiveReceiptRuleSet(b -> { });
        assertThat(west.describeActiveReceiptRuleSet(b -> { }).metadata()).isNull();
        assertThat(east.describeActiveReceiptRuleSet(b -> { }).metadata().name()).isEqualTo(eastSet);
        // the west set is no longer active there, so it can go; the east one still cannot
        west.deleteReceiptRuleSet(b -> b.ruleSetName(westSet));
        assertSesError(() -> east.deleteReceiptRuleSet(b -> b.ruleSetName(eastSet)),
                software.amazon.awssdk.services.ses.model.CannotDeleteException.class, "CannotDelete",
                "Cannot delete active rule set: " + eastSet);
        east.setActiveReceiptRuleSet(b -> { });
    }

    @Test
    void filtersAreInvisibleAcrossRegions() {
        String eastOnly = unique("east-filter");
        String shared = unique("shared-filter");
        ReceiptFilter eastShared = filter(shared, ReceiptFilterPolicy.BLOCK, "10.0.0.0/8");
        ReceiptFilter westShared = filter(shared, ReceiptFilterPolicy.ALLOW, "2001:db8::/32");
        east.createReceiptFilter(b -> b.filter(filter(eastOnly, ReceiptFilterPolicy.BLOCK, "192.0.2.0/24")));
        east.createReceiptFilter(b -> b.filter(eastShared));
        west.createReceiptFilter(b -> b.filter(westShared));

        assertThat(east.listReceiptFilters(b -> { }).filters()).extracting(ReceiptFilter::name).contains(eastOnly, shared);
        assertThat(west.listReceiptFilters(b -> { }).filters()).extracting(ReceiptFilter::name)
                .contains(shared).doesNotContain(eastOnly);
        assertThat(east.listReceiptFilters(b -> { }).filters()).contains(eastShared).doesNotContain(westShared);
        assertThat(west.listReceiptFilters(b -> { }).filters()).contains(westShared).doesNotContain(eastShared);

        west.deleteReceiptFilter(b -> b.filterName(eastOnly));
        west.deleteReceiptFilter(b -> b.filterName(shared));
        assertThat(east.listReceiptFilters(b -> { }).filters()).extracting(ReceiptFilter::name).contains(eastOnly, shared);
    }

    @Test
    void identitiesAreInvisibleAcrossRegions() {
        String domain = unique("east") + ".example.com";
        String address = unique("east") + "@example.net";
        east.verifyDomainIdentity(b -> b.domain(domain));
        east.verifyEmailIdentity(b -> b.emailAddress(address));

        assertThat(east.listIdentities(b -> { }).identities()).contains(domain, address);
        assertThat(west.listIdentities(b -> { }).identities()).doesNotContain(domain, address);
        assertThat(west.listIdentities(b -> b.identityType(IdentityType.DOMAIN)).identities()).doesNotContain(domain);
        assertThat(west.listVerifiedEmailAddresses(b -> { }).verifiedEmailAddresses()).doesNotContain(address);
        assertThat(west.getIdentityVerificationAttributes(b -> b.identities(domain, address)).verificationAttributes()).isEmpty();

        // a Bounce sender verified only in us-east-1 is not verified in us-west-2
        String set = unique("bounce");
        west.createReceiptRuleSet(b -> b.ruleSetName(set));
        assertInvalidParameter(() -> Rules.create(west, set, rule("b", List.of(), Rules.bounce(address))),
                "Identity is not verified: " + address);
        east.createReceiptRuleSet(b -> b.ruleSetName(set));
        Rules.create(east, set, rule("b", List.of(), Rules.bounce(address)));

        // deleting from the other region changes nothing
        west.deleteIdentity(b -> b.identity(domain));
        west.deleteVerifiedEmailAddress(b -> b.emailAddress(address));
        assertThat(east.listIdentities(b -> { }).identities()).contains(domain, address);
    }

    // --- persistence ------------------------------------------------------------------------------

    @Test
    void everythingTheApiConfirmedSurvivesARestart(@TempDir Path ownDir) {
        try (RunningInlet daemon = RunningInlet.start(ownDir, Rules.BUCKET_SETTINGS)) {
            SesClient e = daemon.ses("us-east-1");
            SesClient w = daemon.ses("us-west-2");

            // us-east-1: identities first (the Bounce sender must be verified)
            String token = e.verifyDomainIdentity(b -> b.domain("persist.example")).verificationToken();
            e.verifyEmailIdentity(b -> b.emailAddress("keeper@persist.example"));
            e.verifyEmailAddress(b -> b.emailAddress("legacy@persist.example"));
            e.verifyEmailIdentity(b -> b.emailAddress("deleted@persist.example"));
            e.deleteIdentity(b -> b.identity("deleted@persist.example"));

            e.createReceiptRuleSet(b -> b.ruleSetName("zeta"));
            Rules.ruleSetWith(e, "alpha", "x", "y");
            e.createReceiptRuleSet(b -> b.ruleSetName("dropped"));
            e.deleteReceiptRuleSet(b -> b.ruleSetName("dropped"));
            ReceiptRule a = ReceiptRule.builder().name("a").enabled(true).tlsPolicy(TlsPolicy.REQUIRE).scanEnabled(true)
                    .recipients(".persist.example", "persist.example", "user@persist.example")
                    .actions(Rules.addHeader("X-Persist", "yes"),
                            Rules.s3(S3Action.builder().bucketName(Rules.BUCKET).objectKeyPrefix("in/")
                                    .topicArn(Rules.TOPIC).iamRoleArn(Rules.ROLE).build()),
                            Rules.sns(Rules.TOPIC, SNSActionEncoding.BASE64),
                            Rules.lambda(Rules.FUNCTION, InvocationType.REQUEST_RESPONSE, Rules.OTHER_TOPIC),
                            Rules.bounce(BounceAction.builder().smtpReplyCode("550").statusCode("5.1.1")
                                    .message("Mailbox does not exist").sender("keeper@persist.example").topicArn(Rules.TOPIC)
                                    .build()),
                            Rules.workmail(Rules.WORKMAIL_ORG, Rules.TOPIC),
                            Rules.stop(Rules.TOPIC))
                    .build();
            ReceiptRule b = rule("b", List.of("b@persist.example"), Rules.sns(Rules.TOPIC));
            Rules.create(e, "zeta", a);
            Rules.createAfter(e, "zeta", "a", b);
            Rules.createAfter(e, "zeta", "b", rule("c"));
            Rules.createAfter(e, "zeta", "c", rule("gone"));
            e.deleteReceiptRule(r -> r.ruleSetName("zeta").ruleName("gone"));
            e.reorderReceiptRuleSet(r -> r.ruleSetName("zeta").ruleNames("c", "a", "b"));
            e.setReceiptRulePosition(r -> r.ruleSetName("zeta").ruleName("b").after("c"));
            e.setActiveReceiptRuleSet(r -> r.ruleSetName("zeta"));
            ReceiptFilter f1 = filter("block-all", ReceiptFilterPolicy.BLOCK, "0.0.0.0/0");
            ReceiptFilter f2 = filter("allow-v6", ReceiptFilterPolicy.ALLOW, "2001:db8::/32");
            e.createReceiptFilter(r -> r.filter(f1));
            e.createReceiptFilter(r -> r.filter(f2));
            e.createReceiptFilter(r -> r.filter(filter("removed", ReceiptFilterPolicy.BLOCK, "10.0.0.0/8")));
            e.deleteReceiptFilter(r -> r.filterName("removed"));

            // us-west-2: its own state
            w.verifyDomainIdentity(r -> r.domain("west.example"));
            Rules.ruleSetWith(w, "west-set", "w1");
            w.setActiveReceiptRuleSet(r -> r.ruleSetName("west-set"));
            ReceiptFilter wf = filter("west-filter", ReceiptFilterPolicy.ALLOW, "198.51.100.7");
            w.createReceiptFilter(r -> r.filter(wf));

            List<ReceiptRuleSetMetadata> eastSets = e.listReceiptRuleSets(r -> { }).ruleSets();
            List<ReceiptRule> zetaRules = e.describeReceiptRuleSet(r -> r.ruleSetName("zeta")).rules();
            assertThat(zetaRules).extracting(ReceiptRule::name).containsExactly("c", "b", "a");

            daemon.restart();
            assertRestored(daemon.ses("us-east-1"), daemon.ses("us-west-2"), eastSets, zetaRules, token, List.of(f2, f1), wf);

            // still writable after the restart, and a second restart keeps the new write too
            daemon.ses("us-east-1").createReceiptRuleSet(r -> r.ruleSetName("after-restart"));
            daemon.restart();
            SesClient e2 = daemon.ses("us-east-1");
            assertThat(setNames(e2)).containsExactly("zeta", "alpha", "after-restart");
            assertThat(e2.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("zeta");
            assertThat(e2.describeReceiptRuleSet(r -> r.ruleSetName("zeta")).rules()).isEqualTo(zetaRules);
        }
    }

    private static void assertRestored(SesClient e, SesClient w, List<ReceiptRuleSetMetadata> eastSets,
                                       List<ReceiptRule> zetaRules, String token, List<ReceiptFilter> eastFilters,
                                       ReceiptFilter westFilter) {
        // rule sets, in creation order, with their timestamps; deleted ones stay deleted
        assertThat(e.listReceiptRuleSets(r -> { }).ruleSets()).isEqualTo(eastSets);
        assertThat(eastSets).extracting(ReceiptRuleSetMetadata::name).containsExactly("zeta", "alpha");
        // rules, with every member and in their order
        assertThat(e.describeReceiptRuleSet(r -> r.ruleSetName("zeta")).rules()).isEqualTo(zetaRules);
        assertThat(ruleNames(e, "alpha")).containsExactly("x", "y");
        // the active set
        assertThat(e.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("zeta");
        assertThat(e.describeActiveReceiptRuleSet(r -> { }).rules()).isEqualTo(zetaRules);
        // filters
        assertThat(e.listReceiptFilters(r -> { }).filters()).isEqualTo(eastFilters);
        // identities, with the domain's token
        assertThat(e.listIdentities(r -> { }).identities())
                .containsExactlyInAnyOrder("persist.example", "keeper@persist.example", "legacy@persist.example");
        assertThat(e.listVerifiedEmailAddresses(r -> { }).verifiedEmailAddresses())
                .containsExactlyInAnyOrder("keeper@persist.example", "legacy@persist.example");
        Map<String, IdentityVerificationAttributes> attrs = e.getIdentityVerificationAttributes(
                r -> r.identities("persist.example", "keeper@persist.example", "deleted@persist.example")).verificationAttributes();
        assertThat(attrs).containsOnlyKeys("persist.example", "keeper@persist.example");
        assertThat(attrs.get("persist.example").verificationToken()).isEqualTo(token);
        assertThat(attrs.get("persist.example").verificationStatusAsString()).isEqualTo("Success");
        // the Bounce sender is still verified: an update with it passes strict validation
        assertThatCode(() -> e.updateReceiptRule(r -> r.ruleSetName("alpha")
                .rule(rule("x", List.of(), Rules.bounce("keeper@persist.example"))))).doesNotThrowAnyException();
        // us-west-2 kept its own state
        assertThat(setNames(w)).containsExactly("west-set");
        assertThat(w.describeActiveReceiptRuleSet(r -> { }).metadata().name()).isEqualTo("west-set");
        assertThat(ruleNames(w, "west-set")).containsExactly("w1");
        assertThat(w.listReceiptFilters(r -> { }).filters()).containsExactly(westFilter);
        assertThat(w.listIdentities(r -> { }).identities()).containsExactly("west.example");
    }
}

package io.inlet.config.store;

import io.inlet.rules.ActionSpec;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The behaviour every {@link Store} keeps, whatever its database. An implementation's test extends
 * this class and says how to open (and, if it needs more than close + open, reopen) its store.
 */
public abstract class StoreContractTest {

    protected static final Scope US = new Scope("111111111111", "us-east-1");
    protected static final Scope EU = new Scope("111111111111", "eu-west-1");
    protected static final Scope OTHER_ACCOUNT = new Scope("222222222222", "us-east-1");
    protected static final Instant T0 = Instant.ofEpochMilli(1_700_000_000_123L);

    @TempDir
    protected Path dir;

    protected Store store;

    /** Opens (creating when needed) the store kept in or described by {@code dir}. */
    protected abstract Store openStore(Path dir);

    /** Closes {@code old} and opens the same store again, as a restart of the daemon would. */
    protected Store reopen(Store old, Path dir) {
        old.close();
        return openStore(dir);
    }

    @BeforeEach
    void openTheStore() {
        store = openStore(dir);
    }

    @AfterEach
    void closeTheStore() {
        if (store != null) {
            store.close();
        }
    }

    // --- helpers ----------------------------------------------------------------------------

    protected void write(Consumer<StoreTransaction> work) {
        store.write(tx -> {
            work.accept(tx);
            return null;
        });
    }

    // One helper per read primitive: assertThat(...) cannot infer a generic read's result type.

    protected List<ReceiptRuleSetMetadata> ruleSets(Scope scope) {
        return store.read(tx -> tx.ruleSets(scope));
    }

    protected Optional<ReceiptRuleSetMetadata> ruleSet(Scope scope, String name) {
        return store.read(tx -> tx.ruleSet(scope, name));
    }

    protected Optional<String> activeRuleSet(Scope scope) {
        return store.read(tx -> tx.activeRuleSet(scope));
    }

    protected List<ReceiptRule> rules(Scope scope, String ruleSet) {
        return store.read(tx -> tx.rules(scope, ruleSet));
    }

    protected List<ReceiptFilter> filters(Scope scope) {
        return store.read(tx -> tx.filters(scope));
    }

    protected List<IdentityRecord> identities(Scope scope) {
        return store.read(tx -> tx.identities(scope));
    }

    protected Optional<IdentityRecord> identity(Scope scope, String identity) {
        return store.read(tx -> tx.identity(scope, identity));
    }

    protected List<Scope> scopes() {
        return store.read(StoreTransaction::scopes);
    }

    protected long version() {
        return store.read(StoreTransaction::version);
    }

    protected static ReceiptRule rule(String name) {
        return new ReceiptRule(name, true, TlsPolicy.Optional, false, List.of(),
                List.of(ReceiptAction.of(spec("StopAction", "Scope", "RuleSet"))));
    }

    /** Builds a member keeping the parameters in the order given (name, value, name, value...). */
    protected static ActionSpec spec(String type, String... nameValues) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put(nameValues[i], nameValues[i + 1]);
        }
        return new ActionSpec(type, params);
    }

    /** Every SES action type with its wire parameter names; one entry holds several members. */
    protected static ReceiptRule everyActionRule() {
        String topic = "arn:aws:sns:us-east-1:123456789012:t";
        String role = "arn:aws:iam::123456789012:role/r";
        return new ReceiptRule("every-action", false, TlsPolicy.Require, true,
                List.of("zeta.example.com", "a@example.com", ".sub.example.com"),
                List.of(
                        ReceiptAction.of(spec("S3Action", "ObjectKeyPrefix", "in/", "BucketName", "bucket",
                                "TopicArn", topic, "KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:alias/aws/ses",
                                "IamRoleArn", role)),
                        ReceiptAction.of(spec("BounceAction", "SmtpReplyCode", "550", "StatusCode", "5.1.1",
                                "Message", "Mailbox does not exist", "Sender", "bounce@example.com", "TopicArn", topic)),
                        ReceiptAction.of(spec("WorkmailAction", "OrganizationArn",
                                "arn:aws:workmail:us-east-1:123456789012:organization/m-1", "TopicArn", topic)),
                        ReceiptAction.of(spec("LambdaAction", "InvocationType", "RequestResponse",
                                "FunctionArn", "arn:aws:lambda:us-east-1:123456789012:function:f", "TopicArn", topic)),
                        new ReceiptAction(List.of(
                                spec("SNSAction", "TopicArn", topic, "Encoding", "Base64"),
                                spec("AddHeaderAction", "HeaderName", "X-Inlet", "HeaderValue", ""),
                                spec("S3Action", "BucketName", "second"))),
                        ReceiptAction.of(spec("AddHeaderAction", "HeaderValue", "v", "HeaderName", "X-Order")),
                        ReceiptAction.of(spec("ConnectAction", "InstanceARN",
                                "arn:aws:connect:us-east-1:123456789012:instance/i", "IAMRoleARN", role)),
                        ReceiptAction.of(spec("StopAction", "TopicArn", topic, "Scope", "RuleSet"))));
    }

    /** Map equality ignores order; the wire form does not. */
    protected static void assertSameOrder(ReceiptRule actual, ReceiptRule expected) {
        assertThat(actual).isEqualTo(expected);
        assertThat(actual.recipients()).containsExactlyElementsOf(expected.recipients());
        for (int a = 0; a < expected.actions().size(); a++) {
            List<ActionSpec> want = expected.actions().get(a).members();
            List<ActionSpec> got = actual.actions().get(a).members();
            assertThat(got).extracting(ActionSpec::type).containsExactlyElementsOf(
                    want.stream().map(ActionSpec::type).toList());
            for (int m = 0; m < want.size(); m++) {
                assertThat(new ArrayList<>(got.get(m).parameters().keySet()))
                        .containsExactlyElementsOf(want.get(m).parameters().keySet());
            }
        }
    }

    // --- rule sets ----------------------------------------------------------------------------

    @Test
    void ruleSetsAreListedInCreationOrderNotByNameOrTimestamp() {
        write(tx -> {
            tx.insertRuleSet(US, "b", T0.plusSeconds(10));
            tx.insertRuleSet(US, "a", T0);
        });
        write(tx -> tx.insertRuleSet(US, "c", T0.plusSeconds(5)));

        assertThat(ruleSets(US)).containsExactly(
                new ReceiptRuleSetMetadata("b", T0.plusSeconds(10)),
                new ReceiptRuleSetMetadata("a", T0),
                new ReceiptRuleSetMetadata("c", T0.plusSeconds(5)));
    }

    @Test
    void ruleSetLookupIsExactAndKeepsMilliseconds() {
        write(tx -> tx.insertRuleSet(US, "Set", T0));

        assertThat(ruleSet(US, "Set")).contains(new ReceiptRuleSetMetadata("Set", T0));
        assertThat(ruleSet(US, "set")).isEmpty();
        assertThat(ruleSet(US, "Set ")).isEmpty();
        assertThat(ruleSet(US, "missing")).isEmpty();
    }

    @Test
    void duplicateRuleSetIsAStoreExceptionAndRollsBackTheWholeWrite() {
        write(tx -> tx.insertRuleSet(US, "dup", T0));
        long before = version();

        assertThatThrownBy(() -> write(tx -> {
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.0/8"));
            tx.insertRuleSet(US, "dup", T0);
        })).isInstanceOf(StoreException.class);

        assertThat(filters(US)).isEmpty();
        assertThat(ruleSets(US)).hasSize(1);
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void namesDifferingOnlyInCaseAreDistinct() {
        write(tx -> {
            tx.insertRuleSet(US, "set", T0);
            tx.insertRuleSet(US, "SET", T0);
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.insertFilter(US, new ReceiptFilter("F", FilterPolicy.Allow, "10.0.0.2"));
        });

        assertThat(ruleSets(US)).extracting(ReceiptRuleSetMetadata::name).containsExactly("set", "SET");
        assertThat(filters(US)).extracting(ReceiptFilter::name).containsExactly("F", "f");
    }

    @Test
    void deleteRuleSetRemovesItsRulesAndItsActiveState() {
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.insertRuleSet(US, "keep", T0);
            tx.replaceRules(US, "s", List.of(rule("r1"), rule("r2")));
            tx.replaceRules(US, "keep", List.of(rule("r1")));
            tx.setActiveRuleSet(US, "s");
        });

        write(tx -> tx.deleteRuleSet(US, "s"));

        assertThat(ruleSet(US, "s")).isEmpty();
        assertThat(activeRuleSet(US)).isEmpty();
        assertThat(rules(US, "s")).isEmpty();
        assertThat(rules(US, "keep")).containsExactly(rule("r1"));
        // A set re-created under the same name starts empty: no orphaned rules came back.
        write(tx -> tx.insertRuleSet(US, "s", T0));
        assertThat(rules(US, "s")).isEmpty();
        assertThat(activeRuleSet(US)).isEmpty();
    }

    @Test
    void deletingSomethingAbsentIsANoOpAndNoNewVersion() {
        long before = version();

        write(tx -> {
            tx.deleteRuleSet(US, "nope");
            tx.deleteFilter(US, "nope");
            tx.deleteIdentity(US, "nope.example.com");
        });

        assertThat(version()).isEqualTo(before);
    }

    @Test
    void onlyOneRuleSetIsActivePerScope() {
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
        });
        assertThat(activeRuleSet(US)).isEmpty();

        write(tx -> tx.setActiveRuleSet(US, "a"));
        assertThat(activeRuleSet(US)).contains("a");

        write(tx -> tx.setActiveRuleSet(US, "b"));
        assertThat(activeRuleSet(US)).contains("b");
        assertThat(ruleSets(US)).hasSize(2);

        write(tx -> tx.setActiveRuleSet(US, null));
        assertThat(activeRuleSet(US)).isEmpty();
    }

    @Test
    void activatingAnUnknownSetFailsAndKeepsTheActiveOne() {
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.setActiveRuleSet(US, "a");
        });

        assertThatThrownBy(() -> write(tx -> tx.setActiveRuleSet(US, "A"))).isInstanceOf(StoreException.class);

        assertThat(activeRuleSet(US)).contains("a");
    }

    // --- rules --------------------------------------------------------------------------------

    @Test
    void ruleWithEveryActionTypeRoundTripsWithAllOrdersKept() {
        ReceiptRule full = everyActionRule();
        ReceiptRule minimal = new ReceiptRule("minimal", true, null, false, List.of(), List.of());
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.replaceRules(US, "s", List.of(full, minimal));
        });

        List<ReceiptRule> rules = rules(US, "s");

        assertThat(rules).hasSize(2);
        assertSameOrder(rules.get(0), full);
        assertThat(rules.get(1)).isEqualTo(minimal);
        assertThat(rules.get(1).tlsPolicy()).isEqualTo(TlsPolicy.Optional);
    }

    @Test
    void replaceRulesKeepsTheGivenOrderEachTime() {
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.replaceRules(US, "s", List.of(rule("a"), rule("b"), rule("c")));
        });
        assertThat(rules(US, "s")).extracting(ReceiptRule::name).containsExactly("a", "b", "c");

        write(tx -> tx.replaceRules(US, "s", List.of(rule("c"), rule("x"), rule("a"))));
        assertThat(rules(US, "s")).extracting(ReceiptRule::name).containsExactly("c", "x", "a");

        write(tx -> tx.replaceRules(US, "s", List.of()));
        assertThat(rules(US, "s")).isEmpty();
    }

    @Test
    void ruleNamesAreUniqueWithinASetOnly() {
        write(tx -> {
            tx.insertRuleSet(US, "s1", T0);
            tx.insertRuleSet(US, "s2", T0);
            tx.replaceRules(US, "s1", List.of(rule("r")));
            tx.replaceRules(US, "s2", List.of(rule("r")));
        });

        assertThatThrownBy(() -> write(tx -> tx.replaceRules(US, "s1", List.of(rule("x"), rule("x")))))
                .isInstanceOf(StoreException.class);

        assertThat(rules(US, "s1")).containsExactly(rule("r"));
        assertThat(rules(US, "s2")).containsExactly(rule("r"));
    }

    @Test
    void rulesOfAnUnknownSetAreRefused() {
        assertThatThrownBy(() -> write(tx -> tx.replaceRules(US, "ghost", List.of(rule("r")))))
                .isInstanceOf(StoreException.class);
        assertThat(rules(US, "ghost")).isEmpty();
    }

    // --- filters ------------------------------------------------------------------------------

    @Test
    void filtersAreSortedByNameInOrdinalOrder() {
        List<String> names = List.of("b", "B", "a", "_x", "10", "9", "a-b", "a.b", "Z");
        write(tx -> names.forEach(n -> tx.insertFilter(US, new ReceiptFilter(n, FilterPolicy.Block, "10.0.0.0/8"))));

        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertThat(filters(US)).extracting(ReceiptFilter::name).containsExactlyElementsOf(sorted);
    }

    @Test
    void filterRoundTripsAndDeletes() {
        ReceiptFilter allow = new ReceiptFilter("allow", FilterPolicy.Allow, "192.0.2.0/24");
        ReceiptFilter block = new ReceiptFilter("block", FilterPolicy.Block, "2001:db8::/32");
        write(tx -> {
            tx.insertFilter(US, block);
            tx.insertFilter(US, allow);
        });
        assertThat(filters(US)).containsExactly(allow, block);

        write(tx -> tx.deleteFilter(US, "allow"));
        assertThat(filters(US)).containsExactly(block);
    }

    @Test
    void duplicateFilterIsAStoreException() {
        write(tx -> tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1")));

        assertThatThrownBy(() -> write(tx -> tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Allow, "10.0.0.2"))))
                .isInstanceOf(StoreException.class);
        assertThat(filters(US)).containsExactly(new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
    }

    // --- identities ---------------------------------------------------------------------------

    @Test
    void identitiesAreListedInCreationOrderAndUpsertKeepsThePlace() {
        IdentityRecord domain = new IdentityRecord("zeta.example.com", IdentityRecord.DOMAIN, "tok123", "Pending", T0);
        IdentityRecord address = new IdentityRecord("a@example.com", IdentityRecord.EMAIL_ADDRESS, null, "Pending",
                T0.plusMillis(1));
        IdentityRecord other = new IdentityRecord("m.example.com", IdentityRecord.DOMAIN, "tok456", "Success",
                T0.minusSeconds(60));
        write(tx -> {
            tx.upsertIdentity(US, domain);
            tx.upsertIdentity(US, address);
        });
        write(tx -> tx.upsertIdentity(US, other));
        assertThat(identities(US)).containsExactly(domain, address, other);

        IdentityRecord verified = domain.withStatus("Success");
        write(tx -> tx.upsertIdentity(US, verified));

        assertThat(identities(US)).containsExactly(verified, address, other);
        assertThat(identity(US, "zeta.example.com")).contains(verified);
        assertThat(identity(US, "a@example.com").map(IdentityRecord::verificationToken))
                .isEqualTo(Optional.empty());
        assertThat(identity(US, "ZETA.example.com")).isEmpty();
    }

    @Test
    void identityDeletes() {
        IdentityRecord id = new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0);
        write(tx -> tx.upsertIdentity(US, id));

        write(tx -> tx.deleteIdentity(US, "example.com"));

        assertThat(identities(US)).isEmpty();
        assertThat(identity(US, "example.com")).isEmpty();
    }

    // --- identity attributes ------------------------------------------------------------------

    protected Map<String, String> identityAttributes(Scope scope, String identity) {
        return store.read(tx -> tx.identityAttributes(scope, identity));
    }

    protected Optional<String> identityAttribute(Scope scope, String identity, String name) {
        return store.read(tx -> tx.identityAttribute(scope, identity, name));
    }

    protected boolean deleteIdentityAttribute(Scope scope, String identity, String name) {
        return store.write(tx -> tx.deleteIdentityAttribute(scope, identity, name));
    }

    private void domainIdentity(Scope scope, String domain) {
        write(tx -> tx.upsertIdentity(scope, new IdentityRecord(domain, IdentityRecord.DOMAIN, "t", "Pending", T0)));
    }

    @Test
    void identityAttributesRoundTripByNameInBytewiseOrder() {
        domainIdentity(US, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "policy:b", "{\"p\":2}");
            tx.putIdentityAttribute(US, "example.com", "dkim", "{\"enabled\":true}");
            tx.putIdentityAttribute(US, "example.com", "policy:B", "{\"p\":1}");
        });

        assertThat(identityAttributes(US, "example.com")).containsExactly(
                Map.entry("dkim", "{\"enabled\":true}"), Map.entry("policy:B", "{\"p\":1}"),
                Map.entry("policy:b", "{\"p\":2}"));
        assertThat(identityAttribute(US, "example.com", "dkim")).contains("{\"enabled\":true}");
        assertThat(identityAttribute(US, "example.com", "mailFrom")).isEmpty();
        assertThat(identityAttributes(US, "unknown.example.com")).isEmpty();
    }

    @Test
    void putIdentityAttributeReplacesAndAnUnchangedDocumentBumpsNoVersion() {
        domainIdentity(US, "example.com");
        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":1}"));
        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":2}"));
        long v = version();

        write(tx -> tx.putIdentityAttribute(US, "example.com", "mailFrom", "{\"v\":2}"));

        assertThat(version()).isEqualTo(v);
        assertThat(identityAttributes(US, "example.com")).containsExactly(Map.entry("mailFrom", "{\"v\":2}"));
    }

    @Test
    void anAttributeOfAnUnknownIdentityIsRefusedAndRollsBackTheWrite() {
        domainIdentity(US, "example.com");
        long v = version();

        assertThatThrownBy(() -> write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{}");
            tx.putIdentityAttribute(EU, "example.com", "dkim", "{}"); // the identity is US's only
        })).isInstanceOf(StoreException.class);

        assertThat(identityAttributes(US, "example.com")).isEmpty();
        assertThat(version()).isEqualTo(v);
    }

    @Test
    void deleteIdentityAttributeSaysWhetherItExisted() {
        domainIdentity(US, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "policy:a", "{}");
            tx.putIdentityAttribute(US, "example.com", "policy:b", "{}");
        });

        assertThat(deleteIdentityAttribute(US, "example.com", "policy:a")).isTrue();
        long v = version();
        assertThat(deleteIdentityAttribute(US, "example.com", "policy:a")).isFalse();
        assertThat(deleteIdentityAttribute(US, "nope.example.com", "policy:b")).isFalse();

        assertThat(version()).isEqualTo(v);
        assertThat(identityAttributes(US, "example.com")).containsOnlyKeys("policy:b");
    }

    @Test
    void deletingTheIdentityDeletesItsAttributesButReverifyingKeepsThem() {
        domainIdentity(US, "example.com");
        domainIdentity(EU, "example.com");
        write(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{\"us\":1}");
            tx.putIdentityAttribute(EU, "example.com", "dkim", "{\"eu\":1}");
        });

        domainIdentity(US, "example.com"); // an upsert (VerifyDomainIdentity again) is no delete
        assertThat(identityAttribute(US, "example.com", "dkim")).contains("{\"us\":1}");

        write(tx -> tx.deleteIdentity(US, "example.com"));
        domainIdentity(US, "example.com");

        assertThat(identityAttributes(US, "example.com")).isEmpty();
        assertThat(identityAttributes(EU, "example.com")).containsOnlyKeys("dkim");
    }

    @Test
    void readTransactionsRefuseAttributeWrites() {
        domainIdentity(US, "example.com");
        assertThatThrownBy(() -> store.read(tx -> {
            tx.putIdentityAttribute(US, "example.com", "dkim", "{}");
            return null;
        })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(tx -> tx.deleteIdentityAttribute(US, "example.com", "dkim")))
                .isInstanceOf(IllegalStateException.class);
    }

    // --- scopes -------------------------------------------------------------------------------

    @Test
    void scopesAreTheDistinctPairsHoldingAnything() {
        assertThat(scopes()).isEmpty();
        Scope onlyFilter = new Scope("333333333333", "ap-south-1");
        Scope onlyIdentity = new Scope("444444444444", "us-west-2");
        write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.insertFilter(onlyFilter, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.upsertIdentity(onlyIdentity, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
        });

        assertThat(scopes()).containsExactlyInAnyOrder(US, onlyFilter, onlyIdentity);
    }

    @Test
    void scopesAreIsolatedByRegionAndByAccount() {
        for (Scope scope : List.of(US, EU, OTHER_ACCOUNT)) {
            write(tx -> {
                tx.insertRuleSet(scope, "set", T0);
                tx.replaceRules(scope, "set", List.of(rule("rule-" + scope.region() + "-" + scope.accountId())));
                tx.insertFilter(scope, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
                tx.upsertIdentity(scope, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
            });
        }
        write(tx -> tx.setActiveRuleSet(EU, "set"));
        write(tx -> {
            tx.deleteRuleSet(US, "set");
            tx.deleteFilter(US, "f");
            tx.deleteIdentity(US, "example.com");
        });

        assertThat(ruleSets(US)).isEmpty();
        assertThat(activeRuleSet(EU)).contains("set");
        assertThat(activeRuleSet(OTHER_ACCOUNT)).isEmpty();
        for (Scope scope : List.of(EU, OTHER_ACCOUNT)) {
            assertThat(ruleSets(scope)).hasSize(1);
            assertThat(rules(scope, "set")).extracting(ReceiptRule::name)
                    .containsExactly("rule-" + scope.region() + "-" + scope.accountId());
            assertThat(filters(scope)).hasSize(1);
            assertThat(identities(scope)).hasSize(1);
        }
        assertThat(scopes()).containsExactlyInAnyOrder(EU, OTHER_ACCOUNT);
    }

    // --- transactions and versions ------------------------------------------------------------

    @Test
    void writeReturnsTheWorksResult() {
        String written = store.write(tx -> "done");
        int read = store.read(tx -> 42);
        assertThat(written).isEqualTo("done");
        assertThat(read).isEqualTo(42);
    }

    @Test
    void uncheckedExceptionRollsBackAndPropagatesUnchanged() {
        List<Long> notified = new CopyOnWriteArrayList<>();
        store.addCommitListener(notified::add);
        long before = version();
        IllegalArgumentException boom = new IllegalArgumentException("boom");

        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.replaceRules(US, "s", List.of(rule("r")));
            tx.setActiveRuleSet(US, "s");
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            tx.upsertIdentity(US, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
            throw boom;
        })).isSameAs(boom);

        assertThat(scopes()).isEmpty();
        assertThat(ruleSets(US)).isEmpty();
        assertThat(rules(US, "s")).isEmpty();
        assertThat(filters(US)).isEmpty();
        assertThat(identities(US)).isEmpty();
        assertThat(version()).isEqualTo(before);
        assertThat(notified).isEmpty();
    }

    @Test
    void errorsPropagateUnchangedAndCheckedExceptionsAreWrapped() {
        AssertionError error = new AssertionError("bug");
        IOException checked = new IOException("disk");

        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            throw error;
        })).isSameAs(error);
        assertThatThrownBy(() -> store.write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            throw checked;
        })).isInstanceOf(StoreException.class).hasCause(checked);
        assertThatThrownBy(() -> store.read(tx -> {
            throw checked;
        })).isInstanceOf(StoreException.class).hasCause(checked);

        assertThat(ruleSets(US)).isEmpty();
        // The store is still usable after failed transactions.
        write(tx -> tx.insertRuleSet(US, "s", T0));
        assertThat(ruleSets(US)).hasSize(1);
    }

    @Test
    void versionBumpsOncePerCommittedWriteThatChangedSomething() {
        long v0 = version();

        long seenInside = store.write(tx -> {
            tx.insertRuleSet(US, "a", T0);
            tx.insertRuleSet(US, "b", T0);
            tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            return tx.version();
        });
        assertThat(seenInside).isEqualTo(v0);
        assertThat(version()).isEqualTo(v0 + 1);

        ruleSets(US);
        assertThat(version()).isEqualTo(v0 + 1);

        store.write(tx -> tx.ruleSets(US));                 // wrote nothing
        write(tx -> tx.setActiveRuleSet(US, null));         // nothing was active
        assertThat(version()).isEqualTo(v0 + 1);

        write(tx -> tx.setActiveRuleSet(US, "a"));
        assertThat(version()).isEqualTo(v0 + 2);
        write(tx -> tx.setActiveRuleSet(US, "a"));          // already active
        assertThat(version()).isEqualTo(v0 + 2);

        write(tx -> tx.deleteFilter(US, "f"));
        assertThat(version()).isEqualTo(v0 + 3);
    }

    @Test
    void commitListenersGetTheNewVersionAfterEachCommittedWrite() {
        List<Long> first = new CopyOnWriteArrayList<>();
        List<Long> second = new CopyOnWriteArrayList<>();
        List<Long> visibleToListener = new CopyOnWriteArrayList<>();
        store.addCommitListener(v -> {
            throw new IllegalStateException("a misbehaving listener must not hurt the others");
        });
        store.addCommitListener(first::add);
        store.addCommitListener(second::add);
        // Called after the commit: a listener that reads sees the state it is told about.
        store.addCommitListener(v -> visibleToListener.add(version()));
        long v0 = version();

        write(tx -> tx.insertRuleSet(US, "a", T0));
        ruleSets(US);
        store.write(tx -> tx.ruleSets(US));
        assertThatThrownBy(() -> write(tx -> tx.insertRuleSet(US, "a", T0))).isInstanceOf(StoreException.class);
        write(tx -> tx.insertRuleSet(US, "b", T0));

        assertThat(first).containsExactly(v0 + 1, v0 + 2);
        assertThat(second).containsExactly(v0 + 1, v0 + 2);
        assertThat(visibleToListener).containsExactly(v0 + 1, v0 + 2);
    }

    @Test
    void readTransactionsRefuseEveryWrite() {
        write(tx -> tx.insertRuleSet(US, "s", T0));
        long before = version();
        List<Consumer<StoreTransaction>> writes = List.of(
                tx -> tx.insertRuleSet(US, "x", T0),
                tx -> tx.deleteRuleSet(US, "s"),
                tx -> tx.setActiveRuleSet(US, "s"),
                tx -> tx.setActiveRuleSet(US, null),
                tx -> tx.replaceRules(US, "s", List.of(rule("r"))),
                tx -> tx.insertFilter(US, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1")),
                tx -> tx.deleteFilter(US, "f"),
                tx -> tx.upsertIdentity(US, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0)),
                tx -> tx.deleteIdentity(US, "example.com"));

        for (Consumer<StoreTransaction> w : writes) {
            assertThatThrownBy(() -> store.read(tx -> {
                w.accept(tx);
                return null;
            })).isInstanceOf(IllegalStateException.class);
        }

        assertThat(ruleSets(US)).extracting(ReceiptRuleSetMetadata::name).containsExactly("s");
        assertThat(activeRuleSet(US)).isEmpty();
        assertThat(filters(US)).isEmpty();
        assertThat(version()).isEqualTo(before);
    }

    @Test
    void nestedTransactionsAreRefused() {
        assertThatThrownBy(() -> store.write(tx -> store.read(inner -> 1))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> store.read(tx -> store.write(inner -> 1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aTransactionCannotBeUsedAfterItsWork() {
        StoreTransaction escaped = store.write(tx -> tx);

        assertThatThrownBy(() -> escaped.insertRuleSet(US, "late", T0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> escaped.ruleSets(US)).isInstanceOf(IllegalStateException.class);
        assertThat(ruleSets(US)).isEmpty();
    }

    @Test
    @Timeout(60)
    void concurrentWritersLoseNoUpdates() throws Exception {
        int threads = 8;
        int writesPerThread = 20;
        write(tx -> tx.insertRuleSet(US, "shared", T0));
        long v0 = version();
        List<Long> notified = new CopyOnWriteArrayList<>();
        store.addCommitListener(notified::add);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < writesPerThread; i++) {
                        String name = "t" + thread + "-" + i;
                        // A read-modify-write: loses updates unless transactions are serialised.
                        write(tx -> {
                            tx.insertFilter(US, new ReceiptFilter(name, FilterPolicy.Block, "10.0.0.1"));
                            List<ReceiptRule> rules = new ArrayList<>(tx.rules(US, "shared"));
                            rules.add(rule(name));
                            tx.replaceRules(US, "shared", rules);
                        });
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        int total = threads * writesPerThread;
        assertThat(filters(US)).hasSize(total);
        assertThat(rules(US, "shared")).hasSize(total);
        assertThat(version()).isEqualTo(v0 + total);
        assertThat(notified).hasSize(total).doesNotHaveDuplicates()
                .allSatisfy(v -> assertThat(v).isBetween(v0 + 1, v0 + total));
    }

    @Test
    void everythingSurvivesCloseAndReopen() {
        ReceiptFilter filter = new ReceiptFilter("f", FilterPolicy.Allow, "192.0.2.1");
        IdentityRecord id = new IdentityRecord("example.com", IdentityRecord.DOMAIN, "tok", "Success", T0);
        write(tx -> {
            tx.insertRuleSet(US, "s", T0);
            tx.insertRuleSet(EU, "e", T0.plusMillis(7));
            tx.replaceRules(US, "s", List.of(everyActionRule(), rule("second")));
            tx.setActiveRuleSet(US, "s");
            tx.insertFilter(US, filter);
            tx.upsertIdentity(US, id);
            tx.putIdentityAttribute(US, "example.com", "dkim", "{\"enabled\":true}");
        });
        long before = version();

        store = reopen(store, dir);

        assertThat(version()).isEqualTo(before);
        assertThat(ruleSets(US)).containsExactly(new ReceiptRuleSetMetadata("s", T0));
        assertThat(ruleSets(EU)).containsExactly(new ReceiptRuleSetMetadata("e", T0.plusMillis(7)));
        List<ReceiptRule> rules = rules(US, "s");
        assertSameOrder(rules.get(0), everyActionRule());
        assertThat(rules.get(1)).isEqualTo(rule("second"));
        assertThat(activeRuleSet(US)).contains("s");
        assertThat(filters(US)).containsExactly(filter);
        assertThat(identities(US)).containsExactly(id);
        assertThat(identityAttributes(US, "example.com")).containsExactly(Map.entry("dkim", "{\"enabled\":true}"));
        assertThat(scopes()).containsExactlyInAnyOrder(US, EU);

        write(tx -> tx.deleteFilter(US, "f"));
        assertThat(version()).isEqualTo(before + 1);
    }

    @Test
    void aClosedStoreRefusesWorkAndClosingTwiceIsHarmless() {
        store.close();

        assertThatThrownBy(() -> ruleSets(US)).isInstanceOf(StoreException.class);
        assertThatThrownBy(() -> write(tx -> tx.insertRuleSet(US, "s", T0))).isInstanceOf(StoreException.class);
        store.close();
    }

    // --- sending statistics -----------------------------------------------------------------

    private List<SendDataPoint> sendActivity(Scope scope, Instant since) {
        return store.read(tx -> tx.sendActivity(scope, since));
    }

    @Test
    void sendActivityAddsUpPerIntervalAndScopeAndBumpsNoVersion() {
        Instant i1 = Instant.parse("2026-01-01T10:00:00Z");
        Instant i2 = Instant.parse("2026-01-01T10:15:00Z");
        long v = version();
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i2, 3, 0, 0, 0)));
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i1, 2, 0, 0, 1)));
        write(tx -> tx.addSendActivity(US, new SendDataPoint(i1, 5, 1, 2, 0)));
        write(tx -> tx.addSendActivity(EU, new SendDataPoint(i1, 7, 0, 0, 0)));
        // Statistics are not receiving configuration: no engine node rebuilds for a send.
        assertThat(version()).isEqualTo(v);

        assertThat(sendActivity(US, i1)).containsExactly(
                new SendDataPoint(i1, 7, 1, 2, 1), new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(US, i2)).containsExactly(new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(OTHER_ACCOUNT, i1)).isEmpty();

        write(tx -> tx.deleteSendActivityBefore(i2));
        assertThat(sendActivity(US, i1)).containsExactly(new SendDataPoint(i2, 3, 0, 0, 0));
        assertThat(sendActivity(EU, i1)).isEmpty();
    }
}

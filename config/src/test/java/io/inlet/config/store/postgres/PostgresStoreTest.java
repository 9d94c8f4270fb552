package io.inlet.config.store.postgres;

import io.inlet.config.api.ApiOperation;
import io.inlet.config.api.ApiRequest;
import io.inlet.config.api.QueryParams;
import io.inlet.config.api.SesException;
import io.inlet.config.api.XmlWriter;
import io.inlet.config.receipt.ReceiptLimits;
import io.inlet.config.receipt.ReceiptOperations;
import io.inlet.config.snapshot.ReceiptConfigurationPublisher;
import io.inlet.config.store.Scope;
import io.inlet.config.store.Store;
import io.inlet.config.store.StoreException;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSet;
import io.inlet.rules.TenantConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * What only the shared store promises: two stores on one database stand for two nodes. Concurrent
 * API calls on both keep SES's invariants; a commit on one reaches the other's snapshot within a
 * second; a node whose connection is cut keeps its snapshot and catches up when it returns.
 */
class PostgresStoreTest {

    private static final Scope EAST = new Scope("123456789012", "us-east-1");
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private TestPostgres.Schema schema;
    private final List<AutoCloseable> toClose = new ArrayList<>();

    @BeforeEach
    void createSchema() {
        schema = TestPostgres.newSchema();
    }

    @AfterEach
    void dropSchema() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (schema != null) {
            schema.drop();
        }
    }

    private PostgresStore node() {
        return node(schema.settings(), RetryPolicy.defaults());
    }

    private PostgresStore node(PostgresSettings settings, RetryPolicy retry) {
        PostgresStore store = PostgresStore.open(settings, retry);
        toClose.add(store);
        return store;
    }

    private ReceiptConfigurationPublisher publisher(Store store) {
        ReceiptConfigurationPublisher publisher = new ReceiptConfigurationPublisher(store);
        publisher.start();
        toClose.add(publisher);
        return publisher;
    }

    private static Map<String, ApiOperation> api(Store store, ReceiptLimits limits) {
        return new ReceiptOperations(store, Map.of(), (scope, identity) -> true, limits, false, Clock.systemUTC())
                .operations();
    }

    private static void call(Map<String, ApiOperation> api, String action, String... keyValues) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("Action", action);
        params.put("Version", "2010-12-01");
        for (int i = 0; i < keyValues.length; i += 2) {
            params.put(keyValues[i], keyValues[i + 1]);
        }
        api.get(action).handle(new ApiRequest(action, new QueryParams(params), EAST, "req"), new XmlWriter());
    }

    /** Runs the calls at once (as far as threads allow) and returns each one's error code, or "OK". */
    private static List<String> race(List<Callable<Void>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> outcomes = new ArrayList<>();
            for (Callable<Void> call : calls) {
                outcomes.add(pool.submit(() -> {
                    go.await();
                    try {
                        call.call();
                        return "OK";
                    } catch (SesException e) {
                        return e.code();
                    }
                }));
            }
            go.countDown();
            List<String> codes = new ArrayList<>();
            for (Future<String> f : outcomes) {
                codes.add(f.get(60, TimeUnit.SECONDS));
            }
            return codes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Optional<ReceiptRuleSet> active(ReceiptConfiguration configuration) {
        return configuration.tenants().stream()
                .filter(t -> t.accountId().equals(EAST.accountId()) && t.region().equals(EAST.region()))
                .findFirst().flatMap(TenantConfiguration::activeRuleSet);
    }

    private static List<ReceiptFilter> filters(ReceiptConfiguration configuration) {
        return configuration.tenants().stream()
                .filter(t -> t.accountId().equals(EAST.accountId()) && t.region().equals(EAST.region()))
                .findFirst().map(TenantConfiguration::filters).orElse(List.of());
    }

    // Typed reads: assertThat(store.read(...)) cannot infer a generic read's result type.

    private static long version(Store store) {
        return store.read(tx -> tx.version());
    }

    private static List<String> ruleSetNames(Store store) {
        return store.read(tx -> tx.ruleSets(EAST).stream().map(m -> m.name()).toList());
    }

    private static List<ReceiptFilter> storedFilters(Store store) {
        return store.read(tx -> tx.filters(EAST));
    }

    private static Optional<String> activeSet(Store store) {
        return store.read(tx -> tx.activeRuleSet(EAST));
    }

    private static boolean hasSet(Store store, String name) {
        return store.read(tx -> tx.ruleSet(EAST, name).isPresent());
    }

    // --- invariants under concurrent writers on two nodes -------------------------------------------

    @Test
    @Timeout(120)
    void concurrentCreateReceiptRuleWithOneNameOnTwoNodesCreatesItOnce() throws Exception {
        Map<String, ApiOperation> a = api(node(), ReceiptLimits.defaults());
        Map<String, ApiOperation> b = api(node(), ReceiptLimits.defaults());
        for (int round = 0; round < 5; round++) {
            String set = "set-" + round;
            call(a, "CreateReceiptRuleSet", "RuleSetName", set);

            List<String> codes = race(List.of(
                    () -> { call(a, "CreateReceiptRule", "RuleSetName", set, "Rule.Name", "same"); return null; },
                    () -> { call(b, "CreateReceiptRule", "RuleSetName", set, "Rule.Name", "same"); return null; },
                    () -> { call(a, "CreateReceiptRule", "RuleSetName", set, "Rule.Name", "same"); return null; },
                    () -> { call(b, "CreateReceiptRule", "RuleSetName", set, "Rule.Name", "same"); return null; }));

            assertThat(codes).containsOnly("OK", "AlreadyExists").containsOnlyOnce("OK");
            try (Connection c = schema.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT name, position FROM rules WHERE rule_set = '" + set + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("same");
                assertThat(rs.getInt(2)).isZero();
                assertThat(rs.next()).as("only one rule").isFalse();
            }
        }
    }

    @Test
    @Timeout(120)
    void setActiveRacingDeleteOnTwoNodesLeavesOneConsistentOutcome() throws Exception {
        PostgresStore storeA = node();
        Map<String, ApiOperation> a = api(storeA, ReceiptLimits.defaults());
        Map<String, ApiOperation> b = api(node(), ReceiptLimits.defaults());
        for (int round = 0; round < 8; round++) {
            String set = "set-" + round;
            call(a, "CreateReceiptRuleSet", "RuleSetName", set);

            List<String> codes = race(List.of(
                    () -> { call(a, "SetActiveReceiptRuleSet", "RuleSetName", set); return null; },
                    () -> { call(b, "DeleteReceiptRuleSet", "RuleSetName", set); return null; }));

            boolean exists = hasSet(storeA, set);
            Optional<String> activeNow = activeSet(storeA);
            if (exists) {
                // activated first: the delete saw an active set and refused
                assertThat(codes).containsExactly("OK", "CannotDelete");
                assertThat(activeNow).contains(set);
            } else {
                // deleted first: the activation found no set
                assertThat(codes).containsExactly("RuleSetDoesNotExist", "OK");
                assertThat(activeNow).isNotEqualTo(Optional.of(set));
            }
            try (Connection c = schema.connect(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM rule_sets WHERE active")) {
                rs.next();
                assertThat(rs.getInt(1)).isLessThanOrEqualTo(1);
            }
        }
    }

    @Test
    @Timeout(120)
    void limitsHoldWhenBothNodesCreateAtOnce() throws Exception {
        ReceiptLimits limits = ReceiptLimits.defaults().withRuleSets(3).withFilters(3);
        Map<String, ApiOperation> a = api(node(), limits);
        PostgresStore storeB = node();
        Map<String, ApiOperation> b = api(storeB, limits);
        List<Callable<Void>> creates = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            Map<String, ApiOperation> node = i % 2 == 0 ? a : b;
            String name = "n" + i;
            creates.add(() -> {
                call(node, "CreateReceiptRuleSet", "RuleSetName", name);
                call(node, "CreateReceiptFilter", "Filter.Name", name, "Filter.IpFilter.Policy", "Block",
                        "Filter.IpFilter.Cidr", "10.0.0." + name.substring(1));
                return null;
            });
        }

        List<String> codes = race(creates);

        assertThat(codes).containsOnly("OK", "LimitExceeded");
        assertThat(ruleSetNames(storeB)).hasSize(3);
        assertThat(storedFilters(storeB)).hasSize(3);
        assertThat(codes.stream().filter("OK"::equals)).hasSize(3);
    }

    // --- retries inside the store -------------------------------------------------------------------

    @Test
    void aSerializationFailureIsRetriedAndCommitsOnce() {
        PostgresStore store = node(schema.settings(), new RetryPolicy(3, 0));
        List<Long> notified = new CopyOnWriteArrayList<>();
        store.addCommitListener(notified::add);
        long v0 = version(store);
        AtomicInteger attempts = new AtomicInteger();

        String result = store.write(tx -> {
            tx.insertRuleSet(EAST, "s" + attempts.incrementAndGet(), T0);
            if (attempts.get() == 1) {
                throw new SQLException("could not serialize access (injected)", RetryPolicy.SERIALIZATION_FAILURE);
            }
            return "done";
        });

        assertThat(result).isEqualTo("done");
        assertThat(attempts).hasValue(2);
        assertThat(ruleSetNames(store)).containsExactly("s2");
        assertThat(version(store)).isEqualTo(v0 + 1);
        assertThat(notified).containsExactly(v0 + 1);
    }

    @Test
    void retriesEndInAClearErrorAndWriteNothing() {
        PostgresStore store = node(schema.settings(), new RetryPolicy(3, 0));
        AtomicInteger attempts = new AtomicInteger();

        assertThatThrownBy(() -> store.write(tx -> {
            attempts.incrementAndGet();
            tx.insertRuleSet(EAST, "s", T0);
            throw new StoreException("wrapped", new SQLException("deadlock (injected)", RetryPolicy.DEADLOCK_DETECTED));
        })).isInstanceOf(StoreException.class).hasMessageContaining("after 3 attempts");

        assertThat(attempts).hasValue(3);
        assertThat(ruleSetNames(store)).isEmpty();
    }

    @Test
    void theSchemaItselfAllowsOneActiveSetPerScope() throws Exception {
        PostgresStore store = node();
        store.write(tx -> {
            tx.insertRuleSet(EAST, "a", T0);
            tx.insertRuleSet(EAST, "b", T0);
            tx.setActiveRuleSet(EAST, "a");
            return null;
        });

        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeUpdate("UPDATE rule_sets SET active = TRUE WHERE name = 'b'"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("rule_sets_one_active");
        }
        assertThat(activeSet(store)).contains("a");
    }

    @Test
    void aNodeStillStartsAfterANewerVersionMigratedTheSchema() throws Exception {
        PostgresStore first = node();
        first.write(tx -> {
            tx.insertRuleSet(EAST, "kept", T0);
            return null;
        });
        // What a newer release would leave behind during a rolling upgrade: an extra migration.
        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE future_feature (id INTEGER PRIMARY KEY)");
            s.execute("INSERT INTO flyway_schema_history (installed_rank, version, description, type, script,"
                    + " checksum, installed_by, execution_time, success)"
                    + " VALUES (99, '99', 'future feature', 'SQL', 'V99__future_feature.sql', 0, 'inlet', 0, TRUE)");
        }

        PostgresStore older = node();

        assertThat(ruleSetNames(older)).containsExactly("kept");
    }

    // --- change propagation -------------------------------------------------------------------------

    @Test
    void aCommitOnOneNodeReachesTheOtherNodesSnapshotWithinASecond() {
        PostgresStore a = node();
        ReceiptConfigurationPublisher onB = publisher(node());
        Map<String, ApiOperation> apiA = api(a, ReceiptLimits.defaults());

        for (int i = 0; i < 3; i++) {
            String set = "set-" + i;
            call(apiA, "CreateReceiptRuleSet", "RuleSetName", set);
            call(apiA, "CreateReceiptRule", "RuleSetName", set, "Rule.Name", "rule-" + i);
            call(apiA, "SetActiveReceiptRuleSet", "RuleSetName", set);
            long committed = version(a);

            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10)).untilAsserted(() -> {
                assertThat(onB.current().version()).isEqualTo(committed);
                assertThat(active(onB.current())).map(ReceiptRuleSet::name).contains(set);
            });
            assertThat(active(onB.current()).orElseThrow().rules()).extracting(ReceiptRule::name)
                    .containsExactly("rule-" + i);
        }
    }

    @Test
    void aForeignNotificationIsOnlyAWakeUpNotAVersion() throws Exception {
        PostgresStore a = node();
        PostgresStore b = node();
        List<Long> seenByB = new CopyOnWriteArrayList<>();
        b.addCommitListener(seenByB::add);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.changeFeed().listening());

        try (Connection c = schema.connect(); Statement s = c.createStatement()) {
            s.execute("NOTIFY " + PostgresTransaction.CHANNEL + ", '999999'");
        }
        a.write(tx -> {
            tx.insertRuleSet(EAST, "real", T0);
            return null;
        });
        long real = version(a);

        // Notifications arrive in order, so once the real one is seen the bogus one was handled.
        await().atMost(Duration.ofSeconds(1)).until(() -> seenByB.contains(real));
        assertThat(seenByB).containsExactly(real);
        assertThat(b.changeFeed().version()).isEqualTo(real);
    }

    @Test
    @Timeout(60)
    void aKilledListenerConnectionReconnectsAndCatchesUp() throws Exception {
        PostgresStore a = node();
        PostgresStore b = node();
        ReceiptConfigurationPublisher onB = publisher(b);
        await().atMost(Duration.ofSeconds(5)).until(() -> b.changeFeed().listening());
        int pid = b.changeFeed().listenerPid();
        assertThat(pid).isPositive();

        try (Connection c = schema.connect();
             PreparedStatement kill = c.prepareStatement("SELECT pg_terminate_backend(?)")) {
            kill.setInt(1, pid);
            try (ResultSet rs = kill.executeQuery()) {
                rs.next();
                assertThat(rs.getBoolean(1)).as("listener backend terminated").isTrue();
            }
        }
        a.write(tx -> {
            tx.insertFilter(EAST, new ReceiptFilter("after-kill", FilterPolicy.Block, "192.0.2.0/24"));
            return null;
        });
        long committed = version(a);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(b.changeFeed().listening()).isTrue();
            assertThat(b.changeFeed().listenerPid()).isNotEqualTo(pid);
            assertThat(onB.current().version()).isEqualTo(committed);
        });
        assertThat(filters(onB.current())).extracting(ReceiptFilter::name).containsExactly("after-kill");
    }

    @Test
    @Timeout(90)
    void aNodeCutOffKeepsItsLastSnapshotAndCatchesUpWhenTheConnectionReturns() throws Exception {
        Matcher m = Pattern.compile("jdbc:postgresql://([^/:]+)(?::(\\d+))?/(.*)").matcher(TestPostgres.URL);
        assertThat(m.matches()).as("INLET_TEST_PG_URL shape").isTrue();
        TcpProxy proxy = new TcpProxy(m.group(1), m.group(2) == null ? 5432 : Integer.parseInt(m.group(2)));
        toClose.add(proxy);
        String viaProxy = TestPostgres.withSchema(
                "jdbc:postgresql://127.0.0.1:" + proxy.port() + "/" + m.group(3), schema.name());
        PostgresStore a = node();
        PostgresStore b = node(new PostgresSettings(viaProxy, TestPostgres.USER, TestPostgres.PASSWORD, 2),
                RetryPolicy.defaults());
        ReceiptConfigurationPublisher onB = publisher(b);
        Map<String, ApiOperation> apiA = api(a, ReceiptLimits.defaults());
        call(apiA, "CreateReceiptRuleSet", "RuleSetName", "before");
        call(apiA, "SetActiveReceiptRuleSet", "RuleSetName", "before");
        long before = version(a);
        await().atMost(Duration.ofSeconds(1)).until(() -> onB.current().version() == before);

        proxy.cut();
        await().atMost(Duration.ofSeconds(10)).until(() -> "reconnecting".equals(b.changeFeed().state()));
        call(apiA, "CreateReceiptRuleSet", "RuleSetName", "during");
        call(apiA, "SetActiveReceiptRuleSet", "RuleSetName", "during");
        long during = version(a);

        // Cut off: B still serves the snapshot it had, and says why.
        assertThat(onB.current().version()).isEqualTo(before);
        assertThat(active(onB.current())).map(ReceiptRuleSet::name).contains("before");
        assertThat(b.changeFeed().state()).isEqualTo("reconnecting");
        assertThat(b.changeFeed().lastError()).isNotBlank();

        proxy.restore();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(b.changeFeed().listening()).isTrue();
            assertThat(onB.current().version()).isEqualTo(during);
        });
        assertThat(active(onB.current())).map(ReceiptRuleSet::name).contains("during");
    }

    // --- shared secrets -----------------------------------------------------------------------------

    @Test
    void twoNodesAskingForTheSameSecretAtOnceGetOneValue() throws Exception {
        PostgresStore a = node();
        PostgresStore b = node();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<String>> values = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                PostgresStore node = i % 2 == 0 ? a : b;
                String candidate = "candidate-" + i;
                values.add(pool.submit(() -> {
                    go.await();
                    return node.sharedSecret("api.credentials", () -> candidate);
                }));
            }
            go.countDown();
            String winner = values.get(0).get(30, TimeUnit.SECONDS);
            assertThat(winner).startsWith("candidate-");
            for (Future<String> f : values) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(winner);
            }
            assertThat(b.sharedSecret("api.credentials", () -> "late")).isEqualTo(winner);
            assertThat(a.sharedSecret("other", () -> "own")).isEqualTo("own");
        } finally {
            pool.shutdownNow();
        }
    }
}

package io.inlet.config.snapshot;

import io.inlet.config.identity.DomainVerificationChecker;
import io.inlet.config.identity.DomainVerificationPoller;
import io.inlet.config.identity.IdentitySettings;
import io.inlet.config.identity.VerificationMode;
import io.inlet.config.store.IdentityRecord;
import io.inlet.config.store.Scope;
import io.inlet.config.store.sqlite.SqliteStore;
import io.inlet.rules.ActionSpec;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptAction;
import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.TenantConfiguration;
import io.inlet.rules.TlsPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** DESIGN.md §3: every committed change reaches the data plane as a new configuration within a second. */
class ReceiptConfigurationPublisherTest {
    static final Scope EAST = new Scope("123456789012", "us-east-1");
    static final Scope WEST = new Scope("123456789012", "us-west-2");
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final ReceiptRule RULE = new ReceiptRule("r1", true, TlsPolicy.Require, false,
            List.of(".example.com", "user@example.com"),
            List.of(ReceiptAction.of(new ActionSpec("S3Action", Map.of("BucketName", "b")))));

    @TempDir
    Path dir;
    SqliteStore store;
    ReceiptConfigurationPublisher publisher;

    @BeforeEach
    void open() {
        store = SqliteStore.open(dir);
        publisher = new ReceiptConfigurationPublisher(store);
    }

    @AfterEach
    void close() {
        publisher.close();
        store.close();
    }

    private long version() {
        return store.read(tx -> tx.version());
    }

    private static Optional<TenantConfiguration> tenant(ReceiptConfiguration c, Scope scope) {
        return c.tenants().stream()
                .filter(t -> t.accountId().equals(scope.accountId()) && t.region().equals(scope.region()))
                .findFirst();
    }

    @Test
    void startPublishesTheCurrentStateAtOnce() {
        store.write(tx -> {
            tx.insertFilter(EAST, new ReceiptFilter("office", FilterPolicy.Allow, "10.0.0.0/8"));
            return null;
        });
        assertThat(publisher.current().version()).isZero();
        publisher.start();
        assertThat(publisher.current().version()).isEqualTo(version());
        assertThat(tenant(publisher.current(), EAST).orElseThrow().filters())
                .containsExactly(new ReceiptFilter("office", FilterPolicy.Allow, "10.0.0.0/8"));
    }

    @Test
    void aWriteProducesANewConfigurationWithActiveSetFiltersAndDomains() {
        publisher.start();
        store.write(tx -> {
            tx.insertRuleSet(EAST, "inactive", T0);
            tx.insertRuleSet(EAST, "main", T0.plusSeconds(1));
            tx.replaceRules(EAST, "main", List.of(RULE));
            tx.setActiveRuleSet(EAST, "main");
            tx.insertFilter(EAST, new ReceiptFilter("bad", FilterPolicy.Block, "192.0.2.0/24"));
            tx.upsertIdentity(EAST, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Success", T0));
            tx.upsertIdentity(EAST, new IdentityRecord("pending.example", IdentityRecord.DOMAIN, "t", "Pending", T0));
            tx.upsertIdentity(EAST, new IdentityRecord("user@other.example", IdentityRecord.EMAIL_ADDRESS, null, "Success", T0));
            tx.upsertIdentity(WEST, new IdentityRecord("west.example", IdentityRecord.DOMAIN, "t", "Success", T0));
            return null;
        });
        long written = version();
        await().atMost(Duration.ofSeconds(1)).until(() -> publisher.current().version() == written);

        ReceiptConfiguration c = publisher.current();
        TenantConfiguration east = tenant(c, EAST).orElseThrow();
        assertThat(east.activeRuleSet()).hasValueSatisfying(set -> {
            assertThat(set.name()).isEqualTo("main");
            assertThat(set.createdTimestamp()).isEqualTo(T0.plusSeconds(1));
            assertThat(set.rules()).containsExactly(RULE);
        });
        assertThat(east.filters()).containsExactly(new ReceiptFilter("bad", FilterPolicy.Block, "192.0.2.0/24"));
        assertThat(east.verifiedDomains()).containsExactly("example.com");

        TenantConfiguration west = tenant(c, WEST).orElseThrow();
        assertThat(west.activeRuleSet()).isEmpty();
        assertThat(west.filters()).isEmpty();
        assertThat(west.verifiedDomains()).containsExactly("west.example");
    }

    @Test
    void deactivatingAndStatusChangesArePublished() {
        store.write(tx -> {
            tx.insertRuleSet(EAST, "main", T0);
            tx.setActiveRuleSet(EAST, "main");
            tx.upsertIdentity(EAST, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
            return null;
        });
        publisher.start();
        assertThat(tenant(publisher.current(), EAST).orElseThrow().verifiedDomains()).isEmpty();

        store.write(tx -> {
            tx.upsertIdentity(EAST, tx.identity(EAST, "example.com").orElseThrow().withStatus("Success"));
            return null;
        });
        await().atMost(Duration.ofSeconds(1)).until(() ->
                tenant(publisher.current(), EAST).orElseThrow().verifiedDomains().contains("example.com"));

        store.write(tx -> {
            tx.setActiveRuleSet(EAST, null);
            return null;
        });
        await().atMost(Duration.ofSeconds(1)).until(() ->
                tenant(publisher.current(), EAST).orElseThrow().activeRuleSet().isEmpty());
    }

    @Test
    void aDomainVerifiedByThePollerIsPublished() {
        store.write(tx -> {
            tx.upsertIdentity(EAST, new IdentityRecord("example.com", IdentityRecord.DOMAIN, "t", "Pending", T0));
            return null;
        });
        publisher.start();
        assertThat(tenant(publisher.current(), EAST).orElseThrow().verifiedDomains()).isEmpty();
        new DomainVerificationPoller(store, IdentitySettings.of(VerificationMode.DNS),
                (domain, token) -> DomainVerificationChecker.Outcome.FOUND, Clock.fixed(T0, ZoneOffset.UTC)).pollOnce();
        await().atMost(Duration.ofSeconds(1)).until(() ->
                tenant(publisher.current(), EAST).orElseThrow().verifiedDomains().contains("example.com"));
    }

    @Test
    void listenersSeeIncreasingVersionsEndingAtTheLatestUnderConcurrentWrites() throws Exception {
        List<Long> seen = new CopyOnWriteArrayList<>();
        publisher.addListener(c -> seen.add(c.version()));
        publisher.start();
        int writers = 4;
        int each = 10;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        for (int w = 0; w < writers; w++) {
            int id = w;
            pool.execute(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    ReceiptFilter filter = new ReceiptFilter("f" + id + "-" + i, FilterPolicy.Block, "10.0." + id + "." + i);
                    store.write(tx -> {
                        tx.insertFilter(EAST, filter);
                        return null;
                    });
                }
            });
        }
        go.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        long last = version();
        await().atMost(Duration.ofSeconds(1)).until(() -> publisher.current().version() == last);

        assertThat(seen).isSorted().doesNotHaveDuplicates().endsWith(last);
        assertThat(tenant(publisher.current(), EAST).orElseThrow().filters()).hasSize(writers * each);
    }

    @Test
    void aFailingListenerDoesNotStopTheOthers() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        publisher.addListener(c -> {
            throw new IllegalStateException("boom");
        });
        publisher.addListener(c -> seen.add(c.version()));
        publisher.start();
        store.write(tx -> {
            tx.insertFilter(EAST, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            return null;
        });
        long written = version();
        await().atMost(Duration.ofSeconds(1)).until(() -> seen.contains(written));
    }

    @Test
    void nothingIsPublishedAfterClose() {
        List<Long> seen = new CopyOnWriteArrayList<>();
        publisher.addListener(c -> seen.add(c.version()));
        publisher.start();
        publisher.close();
        int before = seen.size();
        store.write(tx -> {
            tx.insertFilter(EAST, new ReceiptFilter("f", FilterPolicy.Block, "10.0.0.1"));
            return null;
        });
        assertThat(seen).hasSize(before);
    }
}

package io.inlet.config.store;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import io.inlet.rules.ReceiptRule;
import io.inlet.rules.ReceiptRuleSetMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract for transactions, versions, commit listeners, concurrency and durability. */
public abstract class TransactionStoreContract extends StoreContract {

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
}

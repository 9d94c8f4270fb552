package io.inlet.engine.snapshot;

import io.inlet.rules.ReceiptConfiguration;
import io.inlet.rules.ReceiptConfigurationSource;
import io.inlet.rules.TenantConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import static io.inlet.engine.snapshot.Fixtures.ip;
import static io.inlet.engine.snapshot.Fixtures.rule;
import static io.inlet.engine.snapshot.Fixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotHolderTest {

    private static final Set<String> REGIONS = Set.of("eu-west-1");

    private static ReceiptConfiguration config(long version, String recipient) {
        TenantConfiguration t = tenant("A", "eu-west-1", "", Set.of("example.com"), rule("r", recipient));
        return new ReceiptConfiguration(version, List.of(t));
    }

    private static boolean accepts(CompiledSnapshot s, String recipient) {
        return s.decide(ip("192.0.2.1"), recipient, false).accepted();
    }

    @Test
    void startsEmptyAndSwapsOnUpdate() {
        SnapshotHolder holder = new SnapshotHolder(REGIONS);
        CompiledSnapshot before = holder.current();
        assertThat(before.version()).isEqualTo(CompiledSnapshot.INITIAL_VERSION);

        assertThat(holder.update(config(0, "a@example.com"))).isTrue();

        assertThat(holder.current().version()).isZero();
        assertThat(accepts(holder.current(), "a@example.com")).isTrue();
        // a session that captured the old snapshot keeps its view
        assertThat(accepts(before, "a@example.com")).isFalse();
    }

    @ParameterizedTest(name = "current {0}, offered {1} → swapped={2}")
    @CsvSource({"5, 6, true", "5, 5, false", "5, 4, false", "5, 100, true"})
    void olderOrEqualVersionsAreIgnored(long current, long offered, boolean swapped) {
        SnapshotHolder holder = new SnapshotHolder(REGIONS);
        holder.update(config(current, "old@example.com"));
        List<Long> seen = new ArrayList<>();
        holder.addListener(s -> seen.add(s.version()));

        assertThat(holder.update(config(offered, "new@example.com"))).isEqualTo(swapped);

        assertThat(holder.current().version()).isEqualTo(swapped ? offered : current);
        assertThat(accepts(holder.current(), "new@example.com")).isEqualTo(swapped);
        assertThat(seen).isEqualTo(swapped ? List.of(offered) : List.of());
    }

    @Test
    void listenersRunAfterTheSwapInOrderAndOneFailureDoesNotStopOthers() {
        SnapshotHolder holder = new SnapshotHolder(REGIONS);
        List<String> calls = new ArrayList<>();
        holder.addListener(s -> calls.add("first:" + s.version() + ":" + (holder.current() == s)));
        holder.addListener(s -> {
            throw new IllegalStateException("boom");
        });
        holder.addListener(s -> calls.add("third:" + s.version()));

        holder.update(config(1, "a@example.com"));
        holder.update(config(2, "a@example.com"));

        assertThat(calls).containsExactly("first:1:true", "third:1", "first:2:true", "third:2");
    }

    @Test
    void concurrentUpdatesEndAtTheNewestAndListenersSeeIncreasingVersions() throws Exception {
        SnapshotHolder holder = new SnapshotHolder(REGIONS);
        List<Long> seen = new CopyOnWriteArrayList<>();
        holder.addListener(s -> seen.add(s.version()));
        int threads = 8;
        int perThread = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < perThread; i++) {
                        holder.update(config((long) i * threads + offset, "a@example.com"));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(holder.current().version()).isEqualTo((long) threads * perThread - 1);
        assertThat(seen).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void bindCompilesTheCurrentConfigurationAndFollowsLaterOnes() {
        FakeSource source = new FakeSource(config(3, "a@example.com"));
        SnapshotHolder holder = new SnapshotHolder(REGIONS);

        holder.bind(source);
        assertThat(holder.current().version()).isEqualTo(3);

        source.publish(config(3, "dup@example.com"));   // duplicate delivery: ignored
        assertThat(accepts(holder.current(), "dup@example.com")).isFalse();

        source.publish(config(4, "b@example.com"));
        assertThat(holder.current().version()).isEqualTo(4);
        assertThat(accepts(holder.current(), "b@example.com")).isTrue();
    }

    @Test
    void aConfigurationThatFailsToCompileKeepsThePreviousSnapshot() {
        FakeSource source = new FakeSource(config(1, "a@example.com"));
        SnapshotHolder holder = new SnapshotHolder(REGIONS);
        holder.bind(source);

        // a null Optional is a store bug the compiler trips over
        TenantConfiguration broken = new TenantConfiguration("A", "eu-west-1", null, List.of(), Set.of("example.com"));
        source.publish(new ReceiptConfiguration(2, List.of(broken)));

        assertThat(holder.current().version()).isEqualTo(1);
        source.publish(config(3, "c@example.com"));
        assertThat(holder.current().version()).isEqualTo(3);
    }

    private static final class FakeSource implements ReceiptConfigurationSource {
        private final List<Consumer<ReceiptConfiguration>> listeners = new CopyOnWriteArrayList<>();
        private volatile ReceiptConfiguration current;

        FakeSource(ReceiptConfiguration initial) {
            this.current = initial;
        }

        @Override
        public ReceiptConfiguration current() {
            return current;
        }

        @Override
        public void addListener(Consumer<ReceiptConfiguration> listener) {
            listeners.add(listener);
        }

        void publish(ReceiptConfiguration next) {
            current = next;
            listeners.forEach(l -> l.accept(next));
        }
    }
}

package io.inlet.engine.spool;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class MessageIdsTest {

    @Test
    void idsAreFortyCharactersOfLowerCaseBase32hex() {
        MessageIds ids = new MessageIds();
        for (int i = 0; i < 1000; i++) {
            String id = ids.next();
            assertThat(id).matches("[0-9a-v]{40}");
            assertThat(MessageIds.isValid(id)).isTrue();
        }
        assertThat(MessageIds.isValid(null)).isFalse();
        assertThat(MessageIds.isValid("0".repeat(39))).isFalse();
        assertThat(MessageIds.isValid("0".repeat(39) + "w")).isFalse();
        assertThat(MessageIds.isValid("0".repeat(39) + "A")).isFalse();
        assertThat(MessageIds.isValid("../../../../etc/passwd" + "0".repeat(18))).isFalse();
    }

    @Test
    void hundredThousandIdsFromEightThreadsAreUnique() throws Exception {
        MessageIds ids = new MessageIds();
        Set<String> seen = ConcurrentHashMap.newKeySet();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 12_500; i++) {
                        seen.add(ids.next());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(seen).hasSize(100_000);
    }

    @Test
    void separateGeneratorsInTheSameMillisecondDoNotCollide() {
        // two "nodes" with the same clock: only the random part keeps them apart
        Set<String> seen = new java.util.HashSet<>();
        for (int node = 0; node < 1000; node++) {
            MessageIds ids = new MessageIds(() -> 1_700_000_000_000L, new SecureRandom());
            assertThat(seen.add(ids.next())).isTrue();
        }
    }

    @Test
    void stringOrderIsTimeOrderAndTimestampIsRecoverable() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        MessageIds ids = new MessageIds(clock::get, new SecureRandom());
        List<String> generated = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            if (i % 7 == 0) {
                clock.addAndGet(1 + i % 5000);
            }
            generated.add(ids.next());
        }
        assertThat(generated).isSorted().doesNotHaveDuplicates();
        assertThat(MessageIds.timestamp(generated.get(generated.size() - 1)))
                .isEqualTo(Instant.ofEpochMilli(clock.get()));

        // across generators: a later millisecond sorts after, whatever the random parts
        String early = new MessageIds(() -> 1_700_000_000_000L, new SecureRandom()).next();
        String late = new MessageIds(() -> 1_700_000_000_001L, new SecureRandom()).next();
        assertThat(early).isLessThan(late);
        assertThat(new MessageIds(() -> 0L, new SecureRandom()).next()).startsWith("00000000");
        assertThat(new MessageIds(() -> (1L << 48) - 1, new SecureRandom()).next()).startsWith("vvvvvvvvv");
    }

    @Test
    void staysIncreasingWhenTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        MessageIds ids = new MessageIds(clock::get, new SecureRandom());
        String before = ids.next();
        clock.addAndGet(-60_000);
        String after = ids.next();
        assertThat(after).isGreaterThan(before);
    }

    @Test
    void theRandomPartCarriesIntoTheTimeWhenItOverflows() {
        SecureRandom allOnes = new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                java.util.Arrays.fill(bytes, (byte) 0xFF);
            }
        };
        MessageIds ids = new MessageIds(() -> 1000L, allOnes);
        String first = ids.next();
        String second = ids.next(); // same millisecond, random part maxed out
        assertThat(second).isGreaterThan(first);
        assertThat(MessageIds.timestamp(second)).isEqualTo(Instant.ofEpochMilli(1001));
    }
}

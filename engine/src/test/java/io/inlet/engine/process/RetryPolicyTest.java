package io.inlet.engine.process;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(new ProcessingSettings(1, Duration.ofSeconds(1),
            Duration.ofMinutes(10), Duration.ofHours(24)));

    @Test
    void doublesFromTheInitialDelayUpToTheMaximum() {
        assertThat(policy.delay(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delay(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delay(10)).isEqualTo(Duration.ofSeconds(512));
        assertThat(policy.delay(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.delay(10_000)).isEqualTo(Duration.ofMinutes(10));
    }

    @Test
    void lastAttemptAtTheEndOfTheBudgetThenGiveUp() {
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        assertThat(policy.next(start.plusSeconds(60), 1, start)).contains(Duration.ofSeconds(1));
        Instant nearEnd = start.plus(Duration.ofHours(24)).minusSeconds(30);
        assertThat(policy.next(nearEnd, 20, start)).contains(Duration.ofSeconds(30));
        assertThat(policy.next(start.plus(Duration.ofHours(24)), 21, start)).isEmpty();
    }

    @Test
    void defaults() {
        ProcessingSettings d = ProcessingSettings.defaults();
        assertThat(d.workers()).isEqualTo(4 * Runtime.getRuntime().availableProcessors());
        assertThat(d.retryBudget()).isEqualTo(Duration.ofHours(24));
    }
}

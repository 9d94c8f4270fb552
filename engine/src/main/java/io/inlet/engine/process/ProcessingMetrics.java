package io.inlet.engine.process;

import io.inlet.rules.spi.ActionOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The processor's meters ({@code inlet.actions.*}). The plugins never see them (rules-api stays
 * JDK-only): the engine measures around each plugin call.
 *
 * <ul>
 *   <li>{@code inlet.actions.executions{type, outcome}} (timer) — plugin calls by action type and
 *       outcome {@code continue|stop_rule|stop_rule_set|failed}; a member already done before a
 *       restart is not run again, so it is not counted again;</li>
 *   <li>{@code inlet.actions.retries} — attempts scheduled again after a failure (an action's or
 *       the processing's own);</li>
 *   <li>{@code inlet.actions.dead.letters} — messages moved to the dead-letter area;</li>
 *   <li>{@code inlet.actions.processing.latency} (timer) — from the acceptance (the 250) to the
 *       end of the last action, per message processed to completion;</li>
 *   <li>{@code inlet.actions.in.flight} (gauge, registered by the processor) — messages queued, running or
 *       waiting for a retry in the processor.</li>
 * </ul>
 * The {@code type} tag takes the action types of the configured rules (the plugins' types), so it
 * stays bounded.
 */
final class ProcessingMetrics {

    static final String EXECUTIONS = "inlet.actions.executions";
    static final String RETRIES = "inlet.actions.retries";
    static final String DEAD_LETTERS = "inlet.actions.dead.letters";
    static final String LATENCY = "inlet.actions.processing.latency";
    static final String IN_FLIGHT = "inlet.actions.in.flight";
    static final String FAILED = "failed";
    /** Histogram buckets of {@link #LATENCY}. */
    static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofHours(2), Duration.ofHours(24)};

    private final MeterRegistry registry;
    private final Map<String, Timer> executions = new ConcurrentHashMap<>();
    private final Counter retries;
    private final Counter deadLetters;
    private final Timer latency;

    ProcessingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.retries = Counter.builder(RETRIES).description("Message attempts scheduled again after a failure")
                .register(registry);
        this.deadLetters = Counter.builder(DEAD_LETTERS).description("Messages moved to the dead-letter area")
                .register(registry);
        this.latency = Timer.builder(LATENCY)
                .description("Time from the acceptance (250) to the end of the last action, per processed message")
                // a few fixed buckets (le) for the p50/p99 of the end-to-end target, not Micrometer's ~100
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    /** For tests and callers without a registry: meters kept in a private registry. */
    static ProcessingMetrics unregistered() {
        return new ProcessingMetrics(new SimpleMeterRegistry());
    }

    /** One plugin call; {@code outcome} null when it failed. */
    void execution(String type, ActionOutcome outcome, long nanos) {
        String tag = outcome == null ? FAILED : outcome.name().toLowerCase(Locale.ROOT);
        executions.computeIfAbsent(type + '\u0000' + tag, k -> Timer.builder(EXECUTIONS)
                        .description("Action plugin calls by action type and outcome")
                        .tag("type", type).tag("outcome", tag).register(registry))
                .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }

    void retry() {
        retries.increment();
    }

    void deadLetter() {
        deadLetters.increment();
    }

    void processed(Duration acceptToLastAction) {
        latency.record(acceptToLastAction.isNegative() ? Duration.ZERO : acceptToLastAction);
    }
}

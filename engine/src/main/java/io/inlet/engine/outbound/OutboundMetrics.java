package io.inlet.engine.outbound;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The queue's meters:
 * <ul>
 *   <li>{@code inlet.outbound.queue.depth{state=active|deferred|dead}} — entries by state (lists the
 *       state directory when scraped);</li>
 *   <li>{@code inlet.outbound.deliveries{outcome=delivered|deferred|failed}} — recipients, per attempt
 *       result (a recipient deferred twice and then delivered counts 2 deferred and 1 delivered);</li>
 *   <li>{@code inlet.outbound.delivery.duration} — one SMTP transaction (or connection attempt).</li>
 * </ul>
 */
final class OutboundMetrics {

    static final String DEPTH = "inlet.outbound.queue.depth";
    static final String DELIVERIES = "inlet.outbound.deliveries";
    static final String DURATION = "inlet.outbound.delivery.duration";

    private final Map<DeliveryOutcome, Counter> deliveries = new EnumMap<>(DeliveryOutcome.class);
    private final Timer duration;

    OutboundMetrics(MeterRegistry registry, QueueStore store) {
        for (OutboundState state : OutboundState.values()) {
            Gauge.builder(DEPTH, store, s -> s.count(state)).tag("state", state.directory())
                    .description("Outbound queue entries by state").strongReference(true).register(registry);
        }
        for (DeliveryOutcome outcome : DeliveryOutcome.values()) {
            deliveries.put(outcome, Counter.builder(DELIVERIES).tag("outcome", outcome.tag())
                    .description("Outbound recipient results per delivery attempt").register(registry));
        }
        duration = Timer.builder(DURATION).description("Outbound SMTP transactions, connection to QUIT")
                .register(registry);
    }

    void recipient(DeliveryOutcome outcome) {
        deliveries.get(outcome).increment();
    }

    void attemptTook(long nanos) {
        duration.record(nanos, TimeUnit.NANOSECONDS);
    }
}

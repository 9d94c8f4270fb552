package io.inlet.engine.spool;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The spool's gauges ({@code inlet.spool.*}), read when scraped: the counts and bytes come from
 * {@link Spool#usage()} (kept in memory), the oldest message's age from the first queued ID
 * (IDs are time-ordered, {@link MessageIds#timestamp}), which lists the queue directory.
 *
 * <ul>
 *   <li>{@code inlet.spool.messages{state=queued|dead|processed}} — messages held by state;</li>
 *   <li>{@code inlet.spool.bytes} — message bytes queued and dead-lettered (what {@code spool.max-size} bounds);</li>
 *   <li>{@code inlet.spool.processed.bytes} — bytes of the processed messages kept for inspection;</li>
 *   <li>{@code inlet.spool.max.messages}, {@code inlet.spool.max.bytes} — the configured bounds;</li>
 *   <li>{@code inlet.spool.oldest.age} (seconds) — age of the oldest queued message, 0 when the queue is empty.</li>
 * </ul>
 */
public final class SpoolMetrics {

    public static final String MESSAGES = "inlet.spool.messages";
    public static final String BYTES = "inlet.spool.bytes";
    public static final String PROCESSED_BYTES = "inlet.spool.processed.bytes";
    public static final String MAX_MESSAGES = "inlet.spool.max.messages";
    public static final String MAX_BYTES = "inlet.spool.max.bytes";
    public static final String OLDEST_AGE = "inlet.spool.oldest.age";

    private SpoolMetrics() {
    }

    /** Registers the spool's gauges; they hold {@code spool} until the registry is closed. */
    public static void bind(Spool spool, MeterRegistry registry, Clock clock) {
        messages(registry, spool, "queued", SpoolUsage::queuedMessages);
        messages(registry, spool, "dead", SpoolUsage::deadMessages);
        messages(registry, spool, "processed", SpoolUsage::processedMessages);
        usage(registry, spool, BYTES, "bytes", "Message bytes queued and dead-lettered (what the bound limits)",
                SpoolUsage::bytes);
        usage(registry, spool, PROCESSED_BYTES, "bytes", "Bytes of the processed messages kept for inspection",
                SpoolUsage::processedBytes);
        usage(registry, spool, MAX_MESSAGES, null, "Messages the spool may hold (queued and dead-lettered)",
                SpoolUsage::maxMessages);
        usage(registry, spool, MAX_BYTES, "bytes", "Message bytes the spool may hold", SpoolUsage::maxBytes);
        Gauge.builder(OLDEST_AGE, spool, s -> oldestAgeSeconds(s, clock)).baseUnit("seconds")
                .description("Age of the oldest queued message (0 when none is queued)")
                .strongReference(true).register(registry);
    }

    /** Seconds since the oldest queued message was accepted; 0 when the queue is empty. */
    public static double oldestAgeSeconds(Spool spool, Clock clock) {
        List<String> queued = spool.ids(SpoolState.QUEUED);
        if (queued.isEmpty()) {
            return 0;
        }
        Duration age = Duration.between(MessageIds.timestamp(queued.get(0)), clock.instant());
        return age.isNegative() ? 0 : age.toMillis() / 1000.0;
    }

    private static void messages(MeterRegistry registry, Spool spool, String state, ToDoubleFunction<SpoolUsage> f) {
        Gauge.builder(MESSAGES, spool, s -> f.applyAsDouble(s.usage())).tag("state", state)
                .description("Messages held in the spool by state").strongReference(true).register(registry);
    }

    private static void usage(MeterRegistry registry, Spool spool, String name, String unit, String description,
                              ToDoubleFunction<SpoolUsage> f) {
        Gauge.builder(name, spool, s -> f.applyAsDouble(s.usage())).baseUnit(unit).description(description)
                .strongReference(true).register(registry);
    }
}

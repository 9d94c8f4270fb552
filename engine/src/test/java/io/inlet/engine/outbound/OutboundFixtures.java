package io.inlet.engine.outbound;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Shared bits of the outbound tests. */
final class OutboundFixtures {

    /** CRLF throughout, with lines that need dot-stuffing on the wire. */
    static final String MESSAGE = "From: MAILER-DAEMON@inlet.test\r\n"
            + "To: someone@example.test\r\n"
            + "Subject: outbound test\r\n"
            + "\r\n"
            + ".a line that starts with a dot\r\n"
            + "..and one with two\r\n"
            + ".\r\n"
            + "last line\r\n";

    private OutboundFixtures() {
    }

    static byte[] bytes() {
        return MESSAGE.getBytes(StandardCharsets.US_ASCII);
    }

    /** Test defaults: short timeouts, retries that would wait an hour unless a test shortens them. */
    static OutboundSettings.Builder settings() {
        return OutboundSettings.builder("outbound.inlet.test")
                .connectTimeout(Duration.ofSeconds(5))
                .commandTimeout(Duration.ofSeconds(10))
                .retryInitial(Duration.ofHours(1))
                .retryMax(Duration.ofHours(1));
    }

    static OutboundSettings.Builder relay(int port) {
        return settings().relayHost("127.0.0.1").relayPort(port);
    }

    static OutboundQueue open(OutboundSettings settings, Path dir) {
        return open(settings, dir, Clock.systemUTC(), new SimpleMeterRegistry());
    }

    static OutboundQueue open(OutboundSettings settings, Path dir, Clock clock, MeterRegistry metrics) {
        try {
            return OutboundQueue.open(settings, dir, clock, metrics);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String enqueue(OutboundQueue queue, String from, String... to) throws IOException {
        return queue.enqueue(from, List.of(to), new ByteArrayInputStream(bytes()));
    }

    static Optional<OutboundEntry> entry(OutboundQueue queue, String id) {
        try {
            return queue.get(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the entry is in {@code state}; returns it as seen then. */
    static OutboundEntry awaitState(OutboundQueue queue, String id, OutboundState state) {
        return await().until(() -> entry(queue, id).filter(e -> e.state() == state).orElse(null),
                e -> e != null);
    }

    /** Waits until the entry left the queue (every recipient delivered). */
    static void awaitGone(OutboundQueue queue, String id) {
        await().until(() -> entry(queue, id).isEmpty());
    }

    static ConditionFactory await() {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20));
    }

    static RecipientState recipient(OutboundEntry entry, String address) {
        return entry.recipients().stream().filter(r -> r.address().equals(address)).findFirst()
                .orElseThrow(() -> new AssertionError("no recipient " + address + " in " + entry));
    }
}

package io.inlet.engine.outbound;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static io.inlet.engine.outbound.OutboundFixtures.await;
import static io.inlet.engine.outbound.OutboundFixtures.awaitGone;
import static io.inlet.engine.outbound.OutboundFixtures.awaitState;
import static io.inlet.engine.outbound.OutboundFixtures.enqueue;
import static io.inlet.engine.outbound.OutboundFixtures.open;
import static io.inlet.engine.outbound.OutboundFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

/** Per-recipient replies, retries, the max age, replay and the meters, against a SubEtha relay. */
class OutboundRecipientResultsTest {

    @TempDir
    Path dir;

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private double deliveries(String outcome) {
        return meters.get(OutboundMetrics.DELIVERIES).tag("outcome", outcome).counter().count();
    }

    private double depth(OutboundState state) {
        return meters.get(OutboundMetrics.DEPTH).tag("state", state.directory()).gauge().value();
    }

    @Test
    void permanentFailsTemporaryDefersUntilDelivered() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()
                .reject("bad@r.test", "550 5.1.1 no such user")
                .reject("busy@r.test", "450 4.2.1 mailbox busy")) {
            // retries every 300 ms, so the test sees the deferral and then the delivery
            OutboundSettings settings = OutboundFixtures.relay(server.port()).relayStarttls(StartTlsPolicy.OFF)
                    .retryInitial(Duration.ofMillis(300)).retryMax(Duration.ofMillis(300)).build();
            try (OutboundQueue queue = open(settings, dir, Clock.systemUTC(), meters)) {
                queue.start();
                String id = enqueue(queue, "sender@inlet.test", "ok@r.test", "bad@r.test", "busy@r.test");

                OutboundEntry deferred = awaitState(queue, id, OutboundState.DEFERRED);
                assertThat(recipient(deferred, "ok@r.test").status()).isEqualTo(RecipientStatus.DELIVERED);
                assertThat(recipient(deferred, "bad@r.test").status()).isEqualTo(RecipientStatus.FAILED);
                assertThat(recipient(deferred, "bad@r.test").reply()).startsWith("550 5.1.1 no such user");
                assertThat(recipient(deferred, "busy@r.test").status()).isEqualTo(RecipientStatus.PENDING);
                assertThat(recipient(deferred, "busy@r.test").reply()).startsWith("450 4.2.1 mailbox busy");
                assertThat(deferred.nextAttempt()).isAfter(deferred.queuedAt());

                server.accept("busy@r.test");
                OutboundEntry dead = awaitState(queue, id, OutboundState.DEAD);
                assertThat(recipient(dead, "busy@r.test").status()).isEqualTo(RecipientStatus.DELIVERED);
                assertThat(recipient(dead, "bad@r.test").status()).isEqualTo(RecipientStatus.FAILED);
                assertThat(dead.lastReply()).isEmpty(); // the last attempt only delivered
                // each accepted recipient got the message exactly once
                assertThat(server.delivered()).containsExactlyInAnyOrder("ok@r.test", "busy@r.test");

                assertThat(deliveries("delivered")).isEqualTo(2);
                assertThat(deliveries("failed")).isEqualTo(1);
                assertThat(deliveries("deferred")).isGreaterThanOrEqualTo(1);
                assertThat(meters.get(OutboundMetrics.DURATION).timer().count()).isGreaterThanOrEqualTo(2);
                assertThat(depth(OutboundState.DEAD)).isEqualTo(1);
                assertThat(depth(OutboundState.ACTIVE)).isZero();
                assertThat(depth(OutboundState.DEFERRED)).isZero();
            }
        }
    }

    @Test
    void temporaryFailuresPastTheMaxAgeFailAndReplayStartsOver() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (TestSmtpServer server = TestSmtpServer.start().reject("slow@r.test", "451 4.7.1 greylisted")) {
            OutboundSettings settings = OutboundFixtures.relay(server.port()).relayStarttls(StartTlsPolicy.OFF)
                    .retryInitial(Duration.ofMillis(200)).retryMax(Duration.ofMillis(200))
                    .maxAge(Duration.ofHours(1)).build();
            try (OutboundQueue queue = open(settings, dir, clock, meters)) {
                queue.start();
                String id = enqueue(queue, "sender@inlet.test", "slow@r.test");
                awaitState(queue, id, OutboundState.DEFERRED);

                clock.advance(Duration.ofHours(2));
                OutboundEntry dead = awaitState(queue, id, OutboundState.DEAD);
                RecipientState slow = recipient(dead, "slow@r.test");
                assertThat(slow.status()).isEqualTo(RecipientStatus.FAILED);
                assertThat(slow.reply()).startsWith("554 5.4.7").contains("expired").contains("451 4.7.1 greylisted");
                assertThat(dead.lastReply()).isEqualTo(slow.reply());

                server.accept("slow@r.test");
                // the attempt that moved it to dead/ may still be finishing: replay is refused until then
                OutboundFixtures.await().ignoreException(IllegalStateException.class).until(() -> queue.replay(id));
                awaitGone(queue, id);
                assertThat(server.delivered()).containsExactly("slow@r.test");
                assertThat(queue.replay(id)).isFalse(); // nothing left to replay
            }
        }
    }

    @Test
    void everyRecipientRefusedFailsEachWithItsReply() throws Exception {
        try (TestSmtpServer server = TestSmtpServer.start()) {
            // no recipient accepted: the transaction ends without DATA
            server.reject("one@r.test", "554 5.7.1 relay denied").reject("two@r.test", "554 5.7.1 relay denied");
            OutboundSettings settings = OutboundFixtures.relay(server.port()).relayStarttls(StartTlsPolicy.OFF).build();
            try (OutboundQueue queue = open(settings, dir, Clock.systemUTC(), meters)) {
                queue.start();
                String id = enqueue(queue, "sender@inlet.test", "one@r.test", "two@r.test");

                OutboundEntry dead = awaitState(queue, id, OutboundState.DEAD);
                assertThat(dead.recipients()).allSatisfy(r -> {
                    assertThat(r.status()).isEqualTo(RecipientStatus.FAILED);
                    assertThat(r.reply()).startsWith("554 5.7.1 relay denied");
                    assertThat(r.host()).isEqualTo("127.0.0.1:" + server.port());
                });
                await().until(() -> deliveries("failed") == 2);
                assertThat(server.transactions()).isEmpty();
            }
        }
    }
}

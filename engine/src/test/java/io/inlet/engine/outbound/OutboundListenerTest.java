package io.inlet.engine.outbound;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.inlet.engine.outbound.OutboundFixtures.await;
import static io.inlet.engine.outbound.OutboundFixtures.awaitState;
import static io.inlet.engine.outbound.OutboundFixtures.enqueue;
import static io.inlet.engine.outbound.OutboundFixtures.open;
import static org.assertj.core.api.Assertions.assertThat;

/** Tags kept with an entry across a restart, and the listeners told about each final outcome. */
class OutboundListenerTest {

    @TempDir
    Path dir;

    record Outcome(String queueId, Map<String, String> tags, String recipient, boolean delivered, String reply,
                   String host, Instant at) {
    }

    @Test
    void tagsSurviveARestartAndListenersGetEachFinalOutcome() throws Exception {
        Map<String, String> tags = Map.of("ses.messageId", "0000-abc-000000", "ses.account", "123456789012");
        try (TestSmtpServer server = TestSmtpServer.start().reject("bad@r.test", "550 5.1.1 no such user")) {
            // one worker: attempts run one after another, listeners included (see the untagged check)
            OutboundSettings settings = OutboundFixtures.relay(server.port()).relayStarttls(StartTlsPolicy.OFF)
                    .workers(1).build();
            String id;
            // queued, not started: the tags are on disk when the daemon stops
            try (OutboundQueue queue = open(settings, dir, Clock.systemUTC(), new SimpleMeterRegistry())) {
                id = queue.enqueue("sender@inlet.test", List.of("ok@r.test", "bad@r.test"),
                        new ByteArrayInputStream(OutboundFixtures.bytes()), tags);
            }
            assertThat(Files.readString(dir.resolve("active").resolve(id + ".json"))).contains("0000-abc-000000");

            List<Outcome> outcomes = new CopyOnWriteArrayList<>();
            try (OutboundQueue queue = open(settings, dir, Clock.systemUTC(), new SimpleMeterRegistry())) {
                queue.addListener((q, t, r, d, reply, host, at) -> outcomes.add(new Outcome(q, t, r, d, reply, host, at)));
                queue.addListener((q, t, r, d, reply, host, at) -> {
                    throw new IllegalStateException("a broken listener does not stop the others");
                });
                String untagged = enqueue(queue, "sender@inlet.test", "ok@r.test");
                queue.start();
                awaitState(queue, id, OutboundState.DEAD);
                OutboundFixtures.awaitGone(queue, untagged);
                await().until(() -> outcomes.size() == 2);

                assertThat(outcomes).allSatisfy(o -> {
                    assertThat(o.queueId()).isEqualTo(id);
                    assertThat(o.tags()).isEqualTo(tags);
                    assertThat(o.host()).isEqualTo("127.0.0.1:" + server.port());
                    assertThat(o.at()).isNotNull();
                });
                Outcome ok = outcomes.stream().filter(o -> o.recipient().equals("ok@r.test")).findFirst().orElseThrow();
                Outcome bad = outcomes.stream().filter(o -> o.recipient().equals("bad@r.test")).findFirst().orElseThrow();
                assertThat(ok.delivered()).isTrue();
                assertThat(ok.reply()).startsWith("250");
                assertThat(bad.delivered()).isFalse();
                assertThat(bad.reply()).startsWith("550 5.1.1 no such user");
                // the untagged message (a DSN, say) is not reported: a tagged one queued after it is
                // attempted by the same single worker only once the untagged attempt is over
                String later = queue.enqueue("sender@inlet.test", List.of("ok@r.test"),
                        new ByteArrayInputStream(OutboundFixtures.bytes()), tags);
                await().until(() -> outcomes.size() == 3);
                assertThat(outcomes).extracting(Outcome::queueId).containsExactlyInAnyOrder(id, id, later);
            }
        }
    }
}

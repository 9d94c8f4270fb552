package io.inlet.engine.outbound;

import io.inlet.engine.testing.LoopbackDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static io.inlet.engine.outbound.OutboundFixtures.awaitGone;
import static io.inlet.engine.outbound.OutboundFixtures.awaitState;
import static io.inlet.engine.outbound.OutboundFixtures.enqueue;
import static io.inlet.engine.outbound.OutboundFixtures.open;
import static io.inlet.engine.outbound.OutboundFixtures.recipient;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Direct delivery: MX lookups through a loopback DNS responder, to SubEtha servers on one test
 * port of two loopback addresses (127.0.0.1 = "a", 127.0.0.2 = "b"; nothing listens on 127.0.0.3).
 */
class OutboundMxTest {

    private static LoopbackDns dns;
    private static TestSmtpServer a;
    private static TestSmtpServer b;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws Exception {
        a = TestSmtpServer.start("127.0.0.1", 0);
        b = TestSmtpServer.start("127.0.0.2", a.port());
        dns = LoopbackDns.start()
                // listed worst first: the order must come from the preferences
                .mx("order.test", 20, "mx-b.order.test").mx("order.test", 10, "mx-a.order.test")
                .a("mx-a.order.test", "127.0.0.1").a("mx-b.order.test", "127.0.0.2")
                .mx("fallback.test", 10, "down.fallback.test").mx("fallback.test", 20, "mx-b.order.test")
                .a("down.fallback.test", "127.0.0.3")
                .a("plain.test", "127.0.0.1")
                .nullMx("nomail.test")
                .servfail("broken.test");
    }

    @AfterAll
    static void stop() throws IOException {
        dns.close();
        a.close();
        b.close();
    }

    private OutboundQueue queue() {
        OutboundQueue queue = open(OutboundFixtures.settings().dns(dns.settings()).mxPort(a.port()).build(), dir);
        queue.start();
        return queue;
    }

    private static List<String> received(TestSmtpServer server, String recipient) {
        return server.delivered().stream().filter(recipient::equals).toList();
    }

    @Test
    void usesTheMostPreferredMx() throws Exception {
        try (OutboundQueue queue = queue()) {
            String id = enqueue(queue, "", "first@order.test");

            awaitGone(queue, id);
            assertThat(received(a, "first@order.test")).hasSize(1);
            assertThat(received(b, "first@order.test")).isEmpty();
            assertThat(a.transactions()).filteredOn(t -> t.recipients().contains("first@order.test"))
                    .singleElement().satisfies(t -> {
                        assertThat(t.mailFrom()).isEmpty(); // MAIL FROM:<>
                        assertThat(t.data()).isEqualTo(OutboundFixtures.bytes());
                    });
        }
    }

    @Test
    void fallsBackToTheNextMxWhenTheFirstIsDown() throws Exception {
        try (OutboundQueue queue = queue()) {
            String id = enqueue(queue, "sender@inlet.test", "someone@fallback.test");

            awaitGone(queue, id);
            assertThat(received(b, "someone@fallback.test")).hasSize(1);
        }
    }

    @Test
    void withoutMxUsesTheDomainsAddressAndGroupsRecipientsByDomain() throws Exception {
        try (OutboundQueue queue = queue()) {
            String id = enqueue(queue, "sender@inlet.test", "x1@order.test", "y@plain.test", "x2@order.test");

            awaitGone(queue, id);
            // one transaction per domain: both order.test recipients together, plain.test alone
            assertThat(a.transactions()).extracting(TestSmtpServer.Transaction::recipients)
                    .contains(List.of("x1@order.test", "x2@order.test"), List.of("y@plain.test"));
        }
    }

    @Test
    void nullMxAndMissingDomainsFailForGoodAndDnsTroubleDefers() throws Exception {
        try (OutboundQueue queue = queue()) {
            String dead = enqueue(queue, "sender@inlet.test", "u@nomail.test", "u@nowhere.test");
            String deferred = enqueue(queue, "sender@inlet.test", "u@broken.test");

            OutboundEntry entry = awaitState(queue, dead, OutboundState.DEAD);
            assertThat(recipient(entry, "u@nomail.test").status()).isEqualTo(RecipientStatus.FAILED);
            assertThat(recipient(entry, "u@nomail.test").reply()).startsWith("556").contains("null MX");
            assertThat(recipient(entry, "u@nowhere.test").status()).isEqualTo(RecipientStatus.FAILED);
            assertThat(recipient(entry, "u@nowhere.test").reply()).startsWith("550").contains("NXDOMAIN");

            OutboundEntry later = awaitState(queue, deferred, OutboundState.DEFERRED);
            assertThat(recipient(later, "u@broken.test").status()).isEqualTo(RecipientStatus.PENDING);
            assertThat(later.lastReply()).startsWith("451");
        }
    }
}

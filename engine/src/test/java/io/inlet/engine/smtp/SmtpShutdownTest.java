package io.inlet.engine.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Graceful shutdown (RFC 5321 §3.8): {@link SmtpListener#shutdown(Duration)} refuses new
 * connections (the listening socket is closed, so connect() fails with "connection refused"),
 * answers every session outside DATA with {@code 421 4.3.2} at once, lets a transfer in DATA
 * finish with its normal reply, and cuts what is left at the deadline.
 */
class SmtpShutdownTest {

    private static final String SHUTTING_DOWN = "421 4.3.2 " + SmtpFixtures.HOSTNAME + " Service shutting down";

    @TempDir
    Path dir;

    @Test
    void idleSessionsGet421AtOnceAndNewConnectionsAreRefused() throws Exception {
        Duration deadline = Duration.ofSeconds(20);
        try (TestMx mx = TestMx.start(dir, s -> s.shutdownDeadline(deadline));
             SmtpTestClient greeted = mx.connect();
             SmtpTestClient enveloped = mx.connect()) {
            assertThat(greeted.reply()).startsWith("220 ");
            assertThat(greeted.command("EHLO client.test")).startsWith("250");
            enveloped.envelope("sender@client.test", "bob@example.com"); // MAIL and RCPT done, no DATA yet

            long start = System.nanoTime();
            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> mx.listener.shutdown(deadline));

            // both waited for a command: neither waits for its command timeout (30 s here)
            assertThat(greeted.reply()).isEqualTo(SHUTTING_DOWN);
            assertThat(enveloped.reply()).isEqualTo(SHUTTING_DOWN);
            assertThat(millisSince(start)).isLessThan(5_000);
            await().atMost(Duration.ofSeconds(5)).until(greeted::isClosedByServer);
            await().atMost(Duration.ofSeconds(5)).until(enveloped::isClosedByServer);

            // the listening socket is closed: a new client is refused by the kernel
            assertThatThrownBy(mx::connect).isInstanceOf(ConnectException.class);

            // nothing was in DATA: shutdown does not wait for its deadline
            shutdown.get(5, TimeUnit.SECONDS);
            assertThat(millisSince(start)).isLessThan(5_000);
        }
    }

    @Test
    void aTransferInDataFinishesAndIsStoredThenItsNextCommandGets421() throws Exception {
        Duration deadline = Duration.ofSeconds(20);
        try (TestMx mx = TestMx.start(dir, s -> s.shutdownDeadline(deadline));
             SmtpTestClient sending = mx.connect();
             SmtpTestClient idle = mx.connect()) {
            idle.reply();
            sending.envelope("sender@client.test", "bob@example.com");
            assertThat(sending.command("DATA")).startsWith("354 ");
            String message = SmtpFixtures.message("in flight at shutdown");
            int half = message.length() / 2;
            sending.write(message.substring(0, half));

            CompletableFuture<Void> shutdown = CompletableFuture.runAsync(() -> mx.listener.shutdown(deadline));
            // the idle session's 421 shows that shutdown has begun (and the listening socket is closed)
            assertThat(idle.reply()).isEqualTo(SHUTTING_DOWN);
            assertThat(shutdown).isNotDone(); // it waits for the transfer
            assertThatThrownBy(mx::connect).isInstanceOf(ConnectException.class);

            // the client finishes sending after shutdown began: its normal reply, after the spool commit
            sending.write(message.substring(half) + ".\r\n");
            String accepted = sending.reply();
            String messageId = TestMx.messageId(accepted);
            assertThat(mx.spool.queued()).containsExactly(messageId);
            assertThat(mx.metadata(messageId).envelope().recipients()).containsExactly("bob@example.com");
            assertThat(mx.body(messageId)).contains("Subject: in flight at shutdown");

            // whatever it sends next gets the 421, and the connection is closed
            assertThat(sending.command("MAIL FROM:<sender@client.test>")).isEqualTo(SHUTTING_DOWN);
            await().atMost(Duration.ofSeconds(5)).until(sending::isClosedByServer);

            // the last session ended: shutdown returns well before its deadline
            shutdown.get(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theDeadlineCutsATransferThatDoesNotFinishAndNothingIsStored() throws Exception {
        Duration deadline = Duration.ofSeconds(1);
        try (TestMx mx = TestMx.start(dir, s -> s.shutdownDeadline(deadline));
             SmtpTestClient stalled = mx.connect()) {
            stalled.envelope("sender@client.test", "bob@example.com");
            assertThat(stalled.command("DATA")).startsWith("354 ");
            stalled.write("Subject: never finished\r\n\r\nThe first half only.\r\n");

            long start = System.nanoTime();
            mx.listener.shutdown(deadline);
            long elapsed = millisSince(start);

            assertThat(elapsed).isBetween(deadline.toMillis() - 100, deadline.toMillis() + 3_000);
            // no 250: at most the 421 the server tries to send before it cuts the connection
            String reply = stalled.reply();
            assertThat(reply == null || reply.equals(SHUTTING_DOWN)).as("reply %s", reply).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(stalled::isClosedByServer);
            assertThat(mx.spool.queued()).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> bodyFiles(dir) == 0);
        }
    }

    @Test
    void shutdownIsIdempotentAndCloseAfterItReturnsAtOnce() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.shutdownDeadline(Duration.ofSeconds(20)))) {
            long start = System.nanoTime();
            mx.listener.shutdown(Duration.ofSeconds(20));
            mx.listener.shutdown(Duration.ofSeconds(20));
            mx.listener.close();
            assertThat(millisSince(start)).isLessThan(5_000);
            assertThatThrownBy(mx::connect).isInstanceOf(ConnectException.class);
        }
    }

    private static long millisSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private static long bodyFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".msg")).count();
        }
    }
}

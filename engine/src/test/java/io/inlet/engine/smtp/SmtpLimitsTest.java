package io.inlet.engine.smtp;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Connection limits, the idle timeout and the wall-clock deadline. */
class SmtpLimitsTest {

    @TempDir
    Path dir;

    @Test
    void aClientIpBeyondItsConnectionLimitGets421WhileOtherIpsAreServed() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.maxConnectionsPerIp(2))) {
            List<SmtpTestClient> open = new ArrayList<>();
            try {
                for (int i = 0; i < 2; i++) {
                    SmtpTestClient client = mx.connect("127.0.0.2");
                    open.add(client);
                    assertThat(client.reply()).startsWith("220 ");
                }
                try (SmtpTestClient third = mx.connect("127.0.0.2")) {
                    assertThat(third.reply()).isEqualTo("421 4.7.0 Too many connections from your IP");
                    assertThat(third.reply()).isNull(); // and closed
                }
                try (SmtpTestClient other = mx.connect("127.0.0.5")) {
                    assertThat(other.reply()).startsWith("220 ");
                }
                assertThat(open.get(0).command("QUIT")).isEqualTo("221 2.0.0 Bye");
                // the slot comes back once the server has seen that session end
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    try (SmtpTestClient again = mx.connect("127.0.0.2")) {
                        assertThat(again.reply()).startsWith("220 ");
                    }
                });
            } finally {
                for (SmtpTestClient client : open) {
                    client.close();
                }
            }
        }
    }

    @Test
    void aSlowDripClientIsCutOffAtTheDeadlineAndNothingIsStored() throws Exception {
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        try (TestMx mx = TestMx.start(dir, s -> s.transactionDeadline(Duration.ofSeconds(1))
                .commandTimeout(Duration.ofSeconds(30)));
             SmtpTestClient client = mx.connect()) {
            long start = System.nanoTime();
            client.envelope("sender@client.test", "bob@example.com");
            assertThat(client.command("DATA")).startsWith("354 ");
            // one byte every 100 ms: never idle long enough for the 30 s read timeout
            drip.scheduleAtFixedRate(() -> {
                try {
                    client.write("x");
                } catch (IOException closed) {
                    // the server hung up; the assertions below tell
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            String reply = client.reply();
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertThat(reply).isEqualTo("421 4.4.2 " + SmtpFixtures.HOSTNAME + " Error: timeout exceeded");
            assertThat(elapsedMillis).isBetween(900L, 10_000L);
            await().atMost(Duration.ofSeconds(5)).until(client::isClosedByServer);
            assertThat(mx.spool.queued()).isEmpty();
            // the partial body was discarded from the spool's incoming area too
            await().atMost(Duration.ofSeconds(5)).until(() -> bodyFiles(dir) == 0);
        } finally {
            drip.shutdownNow();
        }
    }

    private static long bodyFiles(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.toString().endsWith(".msg")).count();
        }
    }

    @Test
    void eachAcceptedMessageStartsTheDeadlineAgain() throws Exception {
        Duration deadline = Duration.ofSeconds(3);
        try (TestMx mx = TestMx.start(dir, s -> s.transactionDeadline(deadline));
             SmtpTestClient client = mx.connect()) {
            long connected = System.nanoTime();
            client.reply();
            client.command("EHLO client.test");
            // a second in, a message: its 250 starts a fresh deadline
            await().pollDelay(Duration.ofSeconds(1)).until(() -> true);
            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.write(SmtpFixtures.message("progress") + ".\r\n");
            assertThat(client.reply()).startsWith("250 2.6.0 ");
            // past the first deadline (by 0.4 s), the session is still served ...
            long pastFirstDeadline = deadline.toNanos() + 400_000_000L - (System.nanoTime() - connected);
            await().pollDelay(Duration.ofNanos(Math.max(0, pastFirstDeadline))).until(() -> true);
            assertThat(client.command("NOOP")).isEqualTo("250 2.0.0 Ok");
            // ... and without further progress the renewed deadline ends it
            assertThat(client.reply()).isEqualTo("421 4.4.2 " + SmtpFixtures.HOSTNAME + " Error: timeout exceeded");
            await().atMost(Duration.ofSeconds(5)).until(client::isClosedByServer);
        }
    }

    @Test
    void anIdleClientGetsSubEthasTimeoutReplyAndIsClosed() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.commandTimeout(Duration.ofMillis(500)));
             SmtpTestClient client = mx.connect()) {
            client.reply();
            client.command("EHLO client.test");
            // SubEtha's text: its Session has no hook to change it (see the report)
            assertThat(client.reply()).isEqualTo("421 Timeout waiting for data from client.");
            await().atMost(Duration.ofSeconds(5)).until(client::isClosedByServer);
        }
    }

    @Test
    void beyondMaxConnectionsSubEthaAnswers421() throws Exception {
        try (TestMx mx = TestMx.start(dir, s -> s.maxConnections(2));
             SmtpTestClient first = mx.connect("127.0.0.6");
             SmtpTestClient second = mx.connect("127.0.0.7")) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(second.reply()).startsWith("220 ");
            try (SmtpTestClient third = mx.connect("127.0.0.8")) {
                assertThat(third.reply()).isEqualTo("421 Too many connections, try again later");
            }
        }
    }
}

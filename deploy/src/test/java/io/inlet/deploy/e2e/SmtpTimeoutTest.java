package io.inlet.deploy.e2e;

import io.inlet.deploy.it.RunningInlet;
import io.inlet.deploy.testing.SmtpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The last row of the SMTP table through the daemon: an idle client (per-command timeout) and a
 * slow-drip client (whole-session deadline) get a 421 and are disconnected.
 */
class SmtpTimeoutTest {

    @TempDir
    static Path dir;
    static RunningInlet daemon;

    @BeforeAll
    static void start() {
        daemon = RunningInlet.start(dir.resolve("data"), Map.of(
                "smtp.command-timeout", "1s",
                "smtp.transaction-deadline", "3s"));
    }

    @AfterAll
    static void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void idleClientGets421AndIsDisconnected() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            // Part 1 asks for "421 4.4.2 Timeout"; SubEtha writes its own idle-timeout text
            // ("421 Timeout waiting for data from client."), which the engine cannot change
            assertThat(client.reply()).startsWith("421 ");
            assertThat(client.reply()).isNull();
        }
    }

    @Test
    void slowDripClientIsCutOffAtTheSessionDeadline() throws Exception {
        try (SmtpClient client = SmtpClient.open(daemon.smtpPort())) {
            client.command("EHLO client.test");
            long start = System.nanoTime();
            String reply;
            // a NOOP every 400 ms keeps the per-command timeout (1 s) away, not the 3 s deadline
            do {
                await().pollDelay(Duration.ofMillis(400)).until(() -> true);
                client.send("NOOP");
                reply = client.reply();
            } while (reply != null && reply.startsWith("250") && System.nanoTime() - start < 20_000_000_000L);
            assertThat(reply).isEqualTo("421 4.4.2 mx.inlet.test Error: timeout exceeded");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        }
    }
}

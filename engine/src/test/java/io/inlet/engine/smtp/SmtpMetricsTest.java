package io.inlet.engine.smtp;

import io.inlet.engine.spool.FileSpool;
import io.inlet.engine.spool.Spool;
import io.inlet.engine.spool.SpoolSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The {@code inlet.smtp.*} meters after known SMTP sessions (against {@link SmtpFixtures#configuration()}). */
class SmtpMetricsTest {

    @TempDir
    Path dir;
    private final MeterRegistry registry = new SimpleMeterRegistry();
    private Spool spool;
    private SmtpListener listener;

    private int start(Consumer<SmtpSettings.Builder> settings) throws Exception {
        spool = FileSpool.open(SpoolSettings.defaults(dir));
        SmtpSettings.Builder builder = SmtpFixtures.settings();
        settings.accept(builder);
        listener = new SmtpListener(builder.build(), SmtpFixtures.snapshots(), spool, SmtpFixtures.CLOCK, registry);
        listener.start();
        return listener.port();
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.close();
        }
        if (spool != null) {
            spool.close();
        }
    }

    @Test
    void recipientsMessagesBytesAndConnectionsAreCountedByResultAndReason() throws Exception {
        int port = start(s -> s.maxRecipients(2).maxMessageSize(1000));
        String message = SmtpFixtures.message("counted");
        long stored = message.getBytes(StandardCharsets.US_ASCII).length - 1; // one dot unstuffed

        try (SmtpTestClient client = SmtpTestClient.connect(port)) {
            assertThat(client.reply()).startsWith("220 ");
            client.command("EHLO client.test");
            assertThat(gauge(SmtpMetrics.CONNECTIONS_OPEN)).isEqualTo(1);

            assertThat(client.command("MAIL FROM:<sender@client.test>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<bob@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<BOB@example.com>")).startsWith("250 "); // repeated: still a 250
            assertThat(client.command("RCPT TO:<nobody@nowhere.test>")).startsWith("550 5.1.1 ");
            assertThat(client.command("RCPT TO:<x@secure.example.com>")).isEqualTo("550 5.7.1 TLS required by recipient");
            assertThat(client.command("RCPT TO:<alice@example.com>")).startsWith("250 ");
            assertThat(client.command("RCPT TO:<carol@example.com>")).isEqualTo("452 4.5.3 Too many recipients");
            assertThat(client.command("DATA")).startsWith("354 ");
            assertThat(client.command(message + ".")).startsWith("250 2.6.0 ");

            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            assertThat(client.command("x".repeat(1200) + "\r\n.")).isEqualTo("552 5.3.4 Message size exceeds fixed limit");

            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            assertThat(client.command(message + ".")).startsWith("250 2.6.0 ");
            assertThat(client.command("QUIT")).startsWith("221 ");
        }
        try (SmtpTestClient blocked = SmtpTestClient.connect(port, "127.0.0.3")) {
            blocked.envelope("sender@client.test");
            assertThat(blocked.command("RCPT TO:<bob@example.com>"))
                    .isEqualTo("550 5.7.1 IP address blacklisted by recipient");
        }

        assertThat(counter(SmtpMetrics.CONNECTIONS)).isEqualTo(2);
        assertThat(recipients("accepted", "none")).isEqualTo(5);
        assertThat(recipients("refused", "no_rule")).isEqualTo(1);
        assertThat(recipients("refused", "tls_policy")).isEqualTo(1);
        assertThat(recipients("refused", "too_many_recipients")).isEqualTo(1);
        assertThat(recipients("refused", "filter")).isEqualTo(1);
        assertThat(messages("accepted", "none")).isEqualTo(2);
        assertThat(messages("refused", "size")).isEqualTo(1);
        assertThat(messages("refused", "spool_full")).isZero();
        assertThat(counter(SmtpMetrics.ACCEPTED_BYTES)).isEqualTo(2.0 * stored);
        assertThat(counter(SmtpMetrics.ACCEPTED_BYTES)).isEqualTo((double) spool.usage().bytes());
        assertThat(refused("limit")).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(SmtpMetrics.CONNECTIONS_OPEN) == 0);
    }

    @Test
    void aConnectionBeyondThePerIpLimitIsRefusedByLimit() throws Exception {
        int port = start(s -> s.maxConnectionsPerIp(1));
        try (SmtpTestClient first = SmtpTestClient.connect(port, "127.0.0.6")) {
            assertThat(first.reply()).startsWith("220 ");
            try (SmtpTestClient sameIp = SmtpTestClient.connect(port, "127.0.0.6")) {
                assertThat(sameIp.reply()).isEqualTo("421 4.7.0 Too many connections from your IP");
            }
            assertThat(refused("limit")).isEqualTo(1);
            assertThat(counter(SmtpMetrics.CONNECTIONS)).isEqualTo(2);
            assertThat(gauge(SmtpMetrics.CONNECTIONS_OPEN)).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(SmtpMetrics.CONNECTIONS_OPEN) == 0);
    }

    @Test
    void aConnectionBeyondTheGlobalLimitIsRefusedByLimitAndShutdownStopsAccepting() throws Exception {
        int port = start(s -> s.maxConnections(2));
        try (SmtpTestClient first = SmtpTestClient.connect(port, "127.0.0.6");
             SmtpTestClient second = SmtpTestClient.connect(port, "127.0.0.7")) {
            assertThat(first.reply()).startsWith("220 ");
            assertThat(second.reply()).startsWith("220 ");
            try (SmtpTestClient third = SmtpTestClient.connect(port, "127.0.0.8")) {
                assertThat(third.reply()).isEqualTo(SmtpMetrics.SUBETHA_TOO_MANY_CONNECTIONS);
            }
            assertThat(refused("limit")).isEqualTo(1);
            assertThat(refused("shutdown")).isZero();
            assertThat(counter(SmtpMetrics.CONNECTIONS)).isEqualTo(3);
            assertThat(gauge(SmtpMetrics.CONNECTIONS_OPEN)).isEqualTo(2);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge(SmtpMetrics.CONNECTIONS_OPEN) == 0);
        assertThat(listener.accepting()).isTrue();
        listener.close();
        assertThat(listener.accepting()).isFalse();
    }

    private double counter(String name) {
        return registry.get(name).counter().count();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private double refused(String reason) {
        return registry.get(SmtpMetrics.CONNECTIONS_REFUSED).tag("reason", reason).counter().count();
    }

    private double recipients(String result, String reason) {
        return registry.get(SmtpMetrics.RECIPIENTS).tag("result", result).tag("reason", reason).counter().count();
    }

    private double messages(String result, String reason) {
        return registry.get(SmtpMetrics.MESSAGES).tag("result", result).tag("reason", reason).counter().count();
    }
}

package io.inlet.deploy.cli;

import io.inlet.deploy.it.RunningInlet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code inlet queue outbound list|show|replay|purge} against a running daemon whose relay refuses
 * connections (port 9), so a queued DSN stays deferred.
 */
class QueueOutboundCommandTest {

    @TempDir
    static Path dir;
    static RunningInlet inlet;
    static List<String> to;

    @BeforeAll
    static void start() {
        inlet = RunningInlet.start(dir.resolve("data"), Map.of(
                "outbound.relay-host", "127.0.0.1",
                "outbound.relay-port", "9",
                "outbound.relay-starttls", "off"));
        to = Cli.connection(inlet, dir);
    }

    @AfterAll
    static void stop() {
        if (inlet != null) {
            inlet.close();
        }
    }

    @Test
    void aDeferredEntryIsListedShownAndPurged() throws Exception {
        String id = inlet.inlet().outbound().enqueue("", List.of("sender@client.test"), new ByteArrayInputStream(
                "From: MAILER-DAEMON@mx.inlet.test\r\nSubject: bounce\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII)));

        Cli.Result list = await().atMost(Duration.ofSeconds(30)).until(
                () -> Cli.run(to, "queue", "outbound", "list", "--state", "deferred"), r -> r.out().contains(id));
        assertThat(list.exit()).isZero();
        assertThat(list.lines().get(0)).matches("ID +STATE +ATTEMPTS +NEXT +FROM +TO +LAST REPLY");
        assertThat(list.lines()).anyMatch(l -> l.startsWith(id) && l.contains(" deferred ") && l.contains(" <> ")
                && l.contains("sender@client.test"));

        Cli.Result show = Cli.run(to, "queue", "outbound", "show", id);
        assertThat(show.exit()).isZero();
        assertThat(show.out()).contains("\"id\" : \"" + id + "\"", "sender@client.test");

        Cli.Result replay = Cli.run(to, "queue", "outbound", "replay", id);
        assertThat(replay.exit()).isNotZero();
        assertThat(replay.err()).contains("No dead outbound entry " + id);

        Cli.Result purge = await().atMost(Duration.ofSeconds(30))
                .until(() -> Cli.run(to, "queue", "outbound", "purge", id), r -> r.exit() == 0);
        assertThat(purge.out()).isEqualTo("purged " + id + "\n");
        assertThat(Cli.run(to, "queue", "outbound", "list").out()).isEqualTo("no outbound entries\n");
        assertThat(Cli.run(to, "queue", "outbound", "show", id).err()).contains("No outbound entry " + id);
    }
}

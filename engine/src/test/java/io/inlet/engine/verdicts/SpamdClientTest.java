package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.testing.LoopbackDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real SpamAssassin {@code spamd} (Debian package {@code spamd}), started here on a
 * loopback port with network tests off ({@code --local}). GTUBE is SpamAssassin's built-in test
 * string (score 1000).
 */
class SpamdClientTest {

    static final String GTUBE = "XJS*C4JDBQADN1.NSBN3*2IDNEN*GTUBE-STANDARD-ANTI-UBE-TEST-EMAIL*C.34X";

    @TempDir
    static Path home;
    private static ScannerDaemon spamd;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpamd() throws IOException {
        Path binary = ScannerDaemon.binary("spamd", "spamd");
        int port = ScannerDaemon.freePort();
        // spamd started as root drops to 'nobody', which must be able to write its helper home
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxrwxrwx"));
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "--listen=127.0.0.1:" + port, "--local", "--nouser-config",
                "--min-children=1", "--max-children=2",
                "--helper-home-dir=" + home, "--pidfile=" + home.resolve("spamd.pid"),
                "--syslog=stderr"));
        if ("root".equals(System.getProperty("user.name"))) {
            command.add("--username=nobody");
        }
        spamd = ScannerDaemon.start(command, home.resolve("spamd.log"), port,
                "PING SPAMC/1.5\r\n\r\n".getBytes(StandardCharsets.US_ASCII), "PONG");
    }

    @AfterAll
    static void stopSpamd() {
        if (spamd != null) {
            spamd.close();
        }
    }

    private SpamdClient client(long maxBytes) {
        return new SpamdClient(new SpamdSettings("127.0.0.1:" + spamd.port, Duration.ofSeconds(60), maxBytes));
    }

    @Test
    void gtubeIsSpam() throws IOException {
        MessageBytes message = TestMail.write(dir, "spam.eml", TestMail.message("a@example.com", "offer", GTUBE + "\r\n"));

        assertThat(client(1 << 20).scan(message)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void ordinaryMailIsNotSpam() throws IOException {
        MessageBytes message = TestMail.write(dir, "ham.eml",
                TestMail.message("a@example.com", "lunch", "Hello Bob,\r\nlunch tomorrow at noon?\r\nAlice\r\n"));

        assertThat(client(1 << 20).scan(message)).isEqualTo(Verdict.PASS);
    }

    @Test
    void messageOverTheLimitIsNotSentAndGray() throws IOException {
        MessageBytes message = TestMail.write(dir, "big.eml", TestMail.message("a@example.com", "big", GTUBE + "\r\n"));

        assertThat(client(100).scan(message)).isEqualTo(Verdict.GRAY);
    }

    @Test
    void severalMessagesInParallel() throws Exception {
        MessageBytes spam = TestMail.write(dir, "p-spam.eml", TestMail.message("a@example.com", "offer", GTUBE + "\r\n"));
        MessageBytes ham = TestMail.write(dir, "p-ham.eml", TestMail.message("a@example.com", "hi", "See you at 10.\r\n"));
        SpamdClient client = client(1 << 20);

        List<Verdict> verdicts = List.of(spam, ham, spam, ham).parallelStream().map(client::scan).toList();

        assertThat(verdicts).containsExactly(Verdict.FAIL, Verdict.PASS, Verdict.FAIL, Verdict.PASS);
    }

    @Test
    void throughTheVerdictServiceTheHeaderIsWritten() throws IOException {
        MessageBytes message = TestMail.write(dir, "svc.eml", TestMail.message("a@example.com", "offer", GTUBE + "\r\n"));
        try (LoopbackDns dns = LoopbackDns.start()) {
            VerdictService service = new DefaultVerdictService(new VerdictSettings(dns.settings(),
                    new SpamdSettings("127.0.0.1:" + spamd.port, Duration.ofSeconds(60), 1 << 20), null,
                    AuthResultsStyle.RFC8601));

            Verdicts verdicts = service.evaluate(TestMail.envelope("a@example.com", "mx.example.com"), message, true);

            assertThat(verdicts.spam()).isEqualTo(Verdict.FAIL);
            assertThat(verdicts.virus()).isEqualTo(Verdict.DISABLED);
            assertThat(verdicts.headers().get(0)).isEqualTo(new Header("X-SES-Spam-Verdict", "FAIL"));
            assertThat(verdicts.headers()).extracting(Header::name).doesNotContain("X-SES-Virus-Verdict");
        }
    }
}

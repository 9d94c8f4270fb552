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
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against a real ClamAV {@code clamd} (Debian package {@code clamav-daemon}) started here with a
 * generated configuration and a one-signature database made on the spot: nothing is downloaded
 * and freshclam is never run.
 */
class ClamdClientTest {

    /** What the local test signature matches. */
    static final String MARKER = "INLET-TEST-VIRUS-SIGNATURE-7f3a9c";
    private static final long CLAMD_STREAM_MAX = 1024 * 1024;

    @TempDir
    static Path home;
    private static ScannerDaemon clamd;
    private static Path socket;

    @TempDir
    Path dir;

    @BeforeAll
    static void startClamd() throws IOException {
        Path binary = ScannerDaemon.binary("clamd", "clamav-daemon");
        Path db = Files.createDirectories(home.resolve("db"));
        // an extended (.ndb) signature: name, any file type, any offset, hex of the marker
        Files.writeString(db.resolve("inlet-test.ndb"),
                "Inlet.Test.Virus:0:*:" + HexFormat.of().formatHex(MARKER.getBytes(StandardCharsets.US_ASCII)) + "\n");
        int port = ScannerDaemon.freePort();
        socket = home.resolve("clamd.sock");
        Path config = home.resolve("clamd.conf");
        Files.writeString(config, String.join("\n",
                "Foreground yes",
                "TCPSocket " + port,
                "TCPAddr 127.0.0.1",
                "LocalSocket " + socket,
                "DatabaseDirectory " + db,
                "TemporaryDirectory " + home,
                "PidFile " + home.resolve("clamd.pid"),
                "LogFile " + home.resolve("clamd-file.log"),
                "StreamMaxLength " + CLAMD_STREAM_MAX,
                "SelfCheck 0",
                "") + "\n");
        clamd = ScannerDaemon.start(List.of(binary.toString(), "--config-file=" + config),
                home.resolve("clamd.log"), port, "zPING\0".getBytes(StandardCharsets.US_ASCII), "PONG");
    }

    @AfterAll
    static void stopClamd() {
        if (clamd != null) {
            clamd.close();
        }
    }

    private static ClamdClient tcp(long maxBytes) {
        return new ClamdClient(new ClamdSettings("127.0.0.1:" + clamd.port, Duration.ofSeconds(60), maxBytes));
    }

    @Test
    void markerInTheBodyIsAVirus() throws IOException {
        MessageBytes message = TestMail.write(dir, "v.eml", TestMail.message("a@example.com", "x", "hello " + MARKER + "\r\n"));

        assertThat(tcp(10 << 20).scan(message)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void cleanMessagePasses() throws IOException {
        MessageBytes message = TestMail.write(dir, "c.eml", TestMail.message("a@example.com", "x", "hello Bob\r\n"));

        assertThat(tcp(10 << 20).scan(message)).isEqualTo(Verdict.PASS);
    }

    @Test
    void base64AttachmentIsDecodedAndScanned() throws IOException {
        String attachment = Base64.getMimeEncoder().encodeToString(("payload " + MARKER + " end").getBytes(StandardCharsets.US_ASCII));
        String body = "--B\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                + "--B\r\nContent-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n"
                + "Content-Disposition: attachment; filename=\"x.bin\"\r\n\r\n" + attachment + "\r\n--B--\r\n";
        byte[] message = ("MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"B\"\r\n"
                + TestMail.ascii(TestMail.message("a@example.com", "x", body))).getBytes(StandardCharsets.US_ASCII);
        assertThat(TestMail.ascii(message)).doesNotContain(MARKER);

        assertThat(tcp(10 << 20).scan(TestMail.write(dir, "a.eml", message))).isEqualTo(Verdict.FAIL);
    }

    @Test
    void unixSocketWorksToo() throws IOException {
        ClamdClient client = new ClamdClient(new ClamdSettings(socket.toString(), Duration.ofSeconds(60), 10 << 20));
        MessageBytes infected = TestMail.write(dir, "u.eml", TestMail.message("a@example.com", "x", MARKER + "\r\n"));
        MessageBytes clean = TestMail.write(dir, "uc.eml", TestMail.message("a@example.com", "x", "fine\r\n"));

        assertThat(client.scan(infected)).isEqualTo(Verdict.FAIL);
        assertThat(client.scan(clean)).isEqualTo(Verdict.PASS);
    }

    @Test
    void multiChunkMessageWithTheMarkerAtTheEnd() throws IOException {
        String body = "filler line of text\r\n".repeat(20_000) + MARKER + "\r\n";

        MessageBytes message = TestMail.write(dir, "m.eml", TestMail.message("a@example.com", "x", body));

        assertThat(message.size()).isGreaterThan(256 * 1024);
        assertThat(tcp(10 << 20).scan(message)).isEqualTo(Verdict.FAIL);
    }

    @Test
    void overClamdsStreamMaxLengthIsProcessingFailed() throws IOException {
        MessageBytes message = TestMail.write(dir, "huge.eml",
                TestMail.message("a@example.com", "x", "z".repeat((int) CLAMD_STREAM_MAX + 4096) + "\r\n"));

        assertThat(tcp(10 << 20).scan(message)).isEqualTo(Verdict.PROCESSING_FAILED);
    }

    @Test
    void overOurLimitIsNotSentAndGray() throws IOException {
        MessageBytes message = TestMail.write(dir, "g.eml", TestMail.message("a@example.com", "x", MARKER + "\r\n"));

        assertThat(tcp(64).scan(message)).isEqualTo(Verdict.GRAY);
    }

    @Test
    void throughTheVerdictServiceBothHeadersInOrder() throws IOException {
        MessageBytes message = TestMail.write(dir, "svc.eml", TestMail.message("a@example.com", "x", MARKER + "\r\n"));
        try (LoopbackDns dns = LoopbackDns.start()) {
            VerdictService service = new DefaultVerdictService(DnsResolvers.create(dns.settings()),
                    path -> Verdict.PASS, tcp(10 << 20), AuthResultsStyle.RFC8601);

            Verdicts verdicts = service.evaluate(TestMail.envelope("a@example.com", "mx.example.com"), message, true);

            assertThat(verdicts.virus()).isEqualTo(Verdict.FAIL);
            assertThat(verdicts.headers().subList(0, 2)).containsExactly(
                    new Header("X-SES-Spam-Verdict", "PASS"), new Header("X-SES-Virus-Verdict", "FAIL"));
        }
    }
}

package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Protocol framing and failure paths of the spamd and clamd clients, against hand-made servers. */
class SpamAndClamFakeServerTest {

    private static final Duration SHORT = Duration.ofMillis(800);

    @TempDir
    Path dir;

    private MessageBytes message(int bodyBytes) throws IOException {
        return TestMail.write(dir, "m" + bodyBytes + ".eml",
                TestMail.message("a@example.com", "s", "x".repeat(bodyBytes) + "\r\n"));
    }

    private static SpamdClient spamd(String address) {
        return new SpamdClient(new SpamdSettings(address, SHORT, 10 << 20));
    }

    private static ClamdClient clamd(String address) {
        return new ClamdClient(new ClamdSettings(address, SHORT, 10 << 20));
    }

    @Test
    void spamdGetsTheExactBytesWithTheirLength() throws Exception {
        MessageBytes message = message(300_000);
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            byte[] body = FakeScannerServer.readSpamcRequest(in);
            FakeScannerServer.write(out, "SPAMD/1.1 0 EX_OK\r\nContent-length: 0\r\nSpam: False ; 1.2 / 5.0\r\n\r\n");
            return body;
        })) {
            assertThat(spamd(fake.address()).scan(message)).isEqualTo(Verdict.PASS);
            assertReceived(fake, message);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "SPAMD/1.1 0 EX_OK\\r\\nSpam: True ; 15.2 / 5.0\\r\\n\\r\\n  | FAIL",
            "SPAMD/1.1 0 EX_OK\\r\\nspam: yes ; 15.2 / 5.0\\r\\n\\r\\n   | FAIL",
            "SPAMD/1.5 0 EX_OK\\r\\nSpam: False ; -0.1 / 5.0\\r\\n\\r\\n | PASS",
            "SPAMD/1.0 76 Bad header line: (EOF)\\r\\n                 | PROCESSING_FAILED",
            "SPAMD/1.1 0 EX_OK\\r\\n\\r\\n                              | PROCESSING_FAILED",
            "SPAMD/1.1 0 EX_OK\\r\\nSpam: Maybe ; 4 / 5\\r\\n\\r\\n       | PROCESSING_FAILED",
            "HTTP/1.1 400 Bad Request\\r\\n\\r\\n                       | PROCESSING_FAILED",
            "''                                                        | PROCESSING_FAILED",
    })
    void spamdReplies(String reply, Verdict verdict) throws Exception {
        String wire = reply.replace("\\r\\n", "\r\n");
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            byte[] body = FakeScannerServer.readSpamcRequest(in);
            FakeScannerServer.write(out, wire);
            return body;
        })) {
            assertThat(spamd(fake.address()).scan(message(10))).isEqualTo(verdict);
        }
    }

    @Test
    void clamdGetsTheStreamInLengthPrefixedChunks() throws Exception {
        MessageBytes message = message(200_000);
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            byte[] stream = FakeScannerServer.readInstream(in);
            FakeScannerServer.write(out, "stream: OK\0");
            return stream;
        })) {
            assertThat(clamd(fake.address()).scan(message)).isEqualTo(Verdict.PASS);
            assertReceived(fake, message);
        }
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "stream: OK                                | PASS",
            "stream: Win.Test.EICAR_HDB-1 FOUND        | FAIL",
            "INSTREAM size limit exceeded. ERROR       | PROCESSING_FAILED",
            "stream: Can't allocate memory ERROR       | PROCESSING_FAILED",
            "UNKNOWN COMMAND                           | PROCESSING_FAILED",
            "''                                        | PROCESSING_FAILED",
    })
    void clamdReplies(String reply, Verdict verdict) throws Exception {
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            byte[] stream = FakeScannerServer.readInstream(in);
            FakeScannerServer.write(out, reply.isEmpty() ? "" : reply + "\0");
            return stream;
        })) {
            assertThat(clamd(fake.address()).scan(message(10))).isEqualTo(verdict);
        }
    }

    @Test
    void silentSpamdTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            byte[] body = FakeScannerServer.readSpamcRequest(in);
            FakeScannerServer.await(release);
            return body;
        })) {
            MessageBytes message = message(10);
            assertTimedOut(() -> spamd(fake.address()).scan(message));
        } finally {
            release.countDown();
        }
    }

    @Test
    void clamdThatNeverReadsTimesOutEvenWhileWeAreStillWriting() throws Exception {
        // the fake never reads, so socket buffers fill and our write blocks; the deadline must end it
        CountDownLatch release = new CountDownLatch(1);
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> {
            FakeScannerServer.await(release);
            return new byte[0];
        })) {
            MessageBytes big = message(8 << 20);
            assertTimedOut(() -> clamd(fake.address()).scan(big));
        } finally {
            release.countDown();
        }
    }

    @Test
    void daemonThatHangsUpIsProcessingFailed() throws Exception {
        try (FakeScannerServer fake = FakeScannerServer.tcp((in, out) -> new byte[0])) {
            assertThat(spamd(fake.address()).scan(message(10))).isEqualTo(Verdict.PROCESSING_FAILED);
            assertThat(clamd(fake.address()).scan(message(10))).isEqualTo(Verdict.PROCESSING_FAILED);
        }
    }

    @Test
    void nothingListeningIsProcessingFailed() throws IOException {
        String closed = "127.0.0.1:" + ScannerDaemon.freePort();

        assertThat(spamd(closed).scan(message(10))).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(clamd(closed).scan(message(10))).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(clamd(dir.resolve("no.sock").toString()).scan(message(10))).isEqualTo(Verdict.PROCESSING_FAILED);
    }

    @Test
    void bothClientsSpeakOverUnixSockets() throws Exception {
        MessageBytes message = message(1000);
        try (FakeScannerServer spam = FakeScannerServer.unix(dir.resolve("spamd.sock"), (in, out) -> {
            byte[] body = FakeScannerServer.readSpamcRequest(in);
            FakeScannerServer.write(out, "SPAMD/1.1 0 EX_OK\r\nSpam: True ; 9.0 / 5.0\r\n\r\n");
            return body;
        }); FakeScannerServer virus = FakeScannerServer.unix(dir.resolve("clamd.sock"), (in, out) -> {
            byte[] stream = FakeScannerServer.readInstream(in);
            FakeScannerServer.write(out, "stream: OK\0");
            return stream;
        })) {
            assertThat(spamd("unix:" + spam.address()).scan(message)).isEqualTo(Verdict.FAIL);
            assertThat(clamd(virus.address()).scan(message)).isEqualTo(Verdict.PASS);
            assertReceived(virus, message);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1:7830   | 127.0.0.1:7830",
            "scanner.internal | scanner.internal",
            "[::1]:3310       | [::1]:3310",
            "/run/clamd.ctl   | /run/clamd.ctl",
            "unix:/run/s.sock | unix:/run/s.sock",
    })
    void addressesParse(String text, String shown) {
        assertThat(ScannerAddress.parse(text, 783)).hasToString(shown);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"host:0", "host:99999", "host:abc", "'[::1'", "':783'"})
    void badAddressesAreRejectedAtConfiguration(String text) {
        assertThatThrownBy(() -> ScannerAddress.parse(text, 783)).isInstanceOf(IllegalArgumentException.class);
    }

    /** The fake records a request after replying, so the client may be done first. */
    private static void assertReceived(FakeScannerServer fake, MessageBytes message) throws IOException {
        byte[] expected;
        try (var in = message.open()) {
            expected = in.readAllBytes();
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(fake.received).singleElement().isEqualTo(expected));
    }

    private static void assertTimedOut(java.util.function.Supplier<Verdict> scan) {
        Instant start = Instant.now();

        Verdict verdict = scan.get();

        Duration took = Duration.between(start, Instant.now());
        assertThat(verdict).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(took).isGreaterThanOrEqualTo(SHORT.minusMillis(50)).isLessThan(Duration.ofSeconds(5));
    }
}

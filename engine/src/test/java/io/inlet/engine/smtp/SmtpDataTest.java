package io.inlet.engine.smtp;

import io.inlet.engine.spool.SpoolSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** DATA: smuggling defence, the size limit while streaming, and the spool's answers. */
class SmtpDataTest {

    private static final String BARE = "550 5.6.11 Bare CR or LF not allowed";
    private static final String TOO_BIG = "552 5.3.4 Message size exceeds fixed limit";

    @TempDir
    static Path dir;
    static TestMx mx;

    @BeforeAll
    static void start() {
        mx = TestMx.start(dir.resolve("spool"), s -> s.maxMessageSize(10L * 1024 * 1024));
    }

    @AfterAll
    static void stop() {
        mx.close();
    }

    /**
     * Each body tries to end DATA early, or carries a line break a later hop could read that way.
     * The smuggled commands after the fake end must never run: the only reply is the refusal.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "LF.CRLF:Subject: a\r\n\r\nbody\n.\r\nMAIL FROM:<evil@evil.test>\r\nRCPT TO:<bob@example.com>\r\nDATA\r\nsmuggled\r\n",
            "LF.LF:Subject: a\r\n\r\nbody\n.\nMAIL FROM:<evil@evil.test>\nRCPT TO:<bob@example.com>\nDATA\nsmuggled\r\n",
            "CR.CR:Subject: a\r\n\r\nbody\r.\rMAIL FROM:<evil@evil.test>\rRCPT TO:<bob@example.com>\rDATA\rsmuggled\r\n",
            "CRLF.LF:Subject: a\r\n\r\nbody\r\n.\nMAIL FROM:<evil@evil.test>\r\n",
            "bare LF in headers:Subject: a\nX-Other: b\r\n\r\nbody\r\n",
            "bare LF in body:Subject: a\r\n\r\nline one\nline two\r\n",
            "bare CR in body:Subject: a\r\n\r\nline one\rline two\r\n",
            "CR at the very end:Subject: a\r\n\r\nbody\r\r\n",
    })
    void bareLineBreaksAreRefusedAfterTheTerminatorAndNothingIsStored(String variant) throws Exception {
        String body = variant.substring(variant.indexOf(':') + 1);
        List<String> before = mx.spool.queued();
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("sender@client.test", "bob@example.com");
            assertThat(client.command("DATA")).startsWith("354 ");
            client.write(body + ".\r\nNOOP\r\n");
            assertThat(client.reply()).isEqualTo(BARE);
            assertThat(client.reply()).isEqualTo("250 2.0.0 Ok"); // the NOOP: nothing smuggled ran
            assertThat(mx.spool.queued()).isEqualTo(before);
            assertThat(mx.spool.usage().bytes()).isEqualTo(bytesOf(before));

            // the session is still in sync and usable
            assertThat(client.command("MAIL FROM:<sender@client.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("clean") + ".\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(mx.body(id)).doesNotContain("evil");
        }
    }

    @Test
    void aFiftyMegabyteStreamAgainstATenMegabyteLimitIsDrainedThenRefusedAndTheHeapStaysFlat() throws Exception {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        List<String> before = mx.spool.queued();
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("sender@client.test", "bob@example.com");
            assertThat(client.command("DATA")).startsWith("354 ");
            long baseline = usedHeapAfterGc(memory);

            byte[] line = new byte[1000];
            Arrays.fill(line, (byte) 'x');
            line[998] = '\r';
            line[999] = '\n';
            OutputStream out = client.output();
            out.write("Subject: big\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            long sent = 0;
            while (sent < 50L * 1024 * 1024) {
                out.write(line);
                sent += line.length;
            }
            out.flush();
            // 50 MB went through the server by now (socket buffers hold far less): had it kept
            // the stream, the heap would show it
            long during = usedHeapAfterGc(memory);
            assertThat(client.isSilentFor(300)).as("no reply before the terminator").isTrue();
            out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            assertThat(client.reply()).isEqualTo(TOO_BIG);
            assertThat(during - baseline).as("heap growth in bytes").isLessThan(20L * 1024 * 1024);
            assertThat(mx.spool.queued()).isEqualTo(before);
            assertThat(mx.spool.usage().bytes()).isEqualTo(bytesOf(before));

            // still in sync: the next transaction is accepted
            assertThat(client.command("MAIL FROM:<sender@client.test>")).isEqualTo("250 2.1.0 Ok");
            assertThat(client.command("RCPT TO:<bob@example.com>")).isEqualTo("250 2.1.5 Ok");
            client.command("DATA");
            client.write(SmtpFixtures.message("after the big one") + ".\r\n");
            assertThat(client.reply()).startsWith("250 2.6.0 Message received: ");
        }
    }

    @Test
    void aMessageOfExactlyTheLimitIsAcceptedAndOneByteMoreIsNot() throws Exception {
        String headers = "Subject: limit\r\n\r\n";
        int limit = 1000;
        try (TestMx small = TestMx.start(dir.resolve("spool-small"), s -> s.maxMessageSize(limit));
             SmtpTestClient client = small.connect()) {
            client.envelope("sender@client.test", "bob@example.com");
            client.command("DATA");
            client.write(headers + "y".repeat(limit - headers.length() - 2) + "\r\n.\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(small.metadata(id).size()).isEqualTo(limit);

            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.write(headers + "y".repeat(limit - headers.length() - 1) + "\r\n.\r\n");
            assertThat(client.reply()).isEqualTo(TOO_BIG);
        }
    }

    @Test
    void aFullSpoolRefusesAtMailAndAtDataWith452() throws Exception {
        try (TestMx full = TestMx.start(new SpoolSettings(dir.resolve("spool-full"), 1024L * 1024 * 1024, 1),
                spool -> spool, s -> { });
             SmtpTestClient first = full.connect();
             SmtpTestClient second = full.connect()) {
            // both pass MAIL while the spool is empty; the first DATA takes the only slot
            first.envelope("sender@client.test", "bob@example.com");
            second.envelope("sender@client.test", "bob@example.com");
            assertThat(first.command("DATA")).startsWith("354 ");
            assertThat(second.command("DATA")).isEqualTo("452 4.3.1 Insufficient system storage");
            first.write(SmtpFixtures.message("the only one") + ".\r\n");
            assertThat(first.reply()).startsWith("250 2.6.0 ");
            // now the spool holds its one message: MAIL is refused before any body is sent
            assertThat(second.command("MAIL FROM:<sender@client.test>")).isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(second.command("NOOP")).isEqualTo("250 2.0.0 Ok");
        }
    }

    @Test
    void aDeclaredSizeBeyondTheSpoolsRoomIsRefusedAtMail() throws Exception {
        try (TestMx small = TestMx.start(new SpoolSettings(dir.resolve("spool-room"), 5000, 100),
                spool -> spool, s -> { });
             SmtpTestClient client = small.connect()) {
            client.reply();
            client.command("EHLO client.test");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=6000")).isEqualTo("452 4.3.1 Insufficient system storage");
            assertThat(client.command("MAIL FROM:<s@client.test> SIZE=4000")).isEqualTo("250 2.1.0 Ok");
        }
    }

    @Test
    void aSpoolThatCannotWriteOrCommitAnswers451AndNever250() throws Exception {
        FaultySpool[] faulty = new FaultySpool[1];
        try (TestMx broken = TestMx.start(SpoolSettings.defaults(dir.resolve("spool-faulty")),
                spool -> faulty[0] = new FaultySpool(spool), s -> { });
             SmtpTestClient client = broken.connect()) {
            client.envelope("sender@client.test", "bob@example.com");
            faulty[0].failBegin = true;
            assertThat(client.command("DATA")).isEqualTo("451 4.3.0 Temporary local problem, please try again");
            faulty[0].failBegin = false;

            faulty[0].failCommit = true;
            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            assertThat(client.command("DATA")).startsWith("354 ");
            client.write(SmtpFixtures.message("lost?") + ".\r\n");
            assertThat(client.reply()).isEqualTo("451 4.3.0 Temporary local problem, please try again");
            assertThat(broken.spool.queued()).isEmpty();
            assertThat(broken.spool.usage().bytes()).isZero();
            try (Stream<Path> incoming = Files.walk(dir.resolve("spool-faulty"))) {
                assertThat(incoming.filter(p -> p.toString().endsWith(".msg"))).isEmpty();
            }
            faulty[0].failCommit = false;

            // the client retries in the same session and gets its 250
            client.command("MAIL FROM:<sender@client.test>");
            client.command("RCPT TO:<bob@example.com>");
            client.command("DATA");
            client.write(SmtpFixtures.message("retried") + ".\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(broken.spool.queued()).containsExactly(id);
        }
    }

    @Test
    void anEmptyMessageIsAccepted() throws Exception {
        try (SmtpTestClient client = mx.connect()) {
            client.envelope("sender@client.test", "bob@example.com");
            client.command("DATA");
            client.write(".\r\n");
            String id = TestMx.messageId(client.reply());
            assertThat(mx.body(id)).isEmpty();
        }
    }

    private static long bytesOf(List<String> ids) {
        return ids.stream().mapToLong(id -> mx.metadata(id).size()).sum();
    }

    private static long usedHeapAfterGc(MemoryMXBean memory) {
        System.gc();
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}

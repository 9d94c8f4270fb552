package io.inlet.engine.process;

import io.inlet.engine.message.AcceptedMessage;
import io.inlet.engine.spool.SpoolWriter;
import io.inlet.rules.spi.ActionOutcome;
import io.inlet.rules.spi.NotificationContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static io.inlet.engine.process.ProcessFixtures.action;
import static io.inlet.engine.process.ProcessFixtures.envelope;
import static io.inlet.engine.process.ProcessFixtures.plan;
import static io.inlet.engine.process.ProcessFixtures.rule;
import static io.inlet.engine.process.ProcessFixtures.tenant;
import static org.assertj.core.api.Assertions.assertThat;

/** A 30 MB message goes through verdicts, headers, mail object and actions without entering the heap. */
class ProcessorLargeMessageTest {

    private static final long MB = 1024 * 1024;

    @TempDir
    Path dir;
    private ProcessorHarness h;

    @AfterEach
    void tearDown() {
        h.close();
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        System.gc();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Test
    void thirtyMegabytesStreamThrough() throws Exception {
        h = new ProcessorHarness(dir, ProcessFixtures.FAST, ProcessFixtures.fixed(ProcessFixtures.PASSING));
        AtomicLong baseline = new AtomicLong();
        AtomicLong peakGrowth = new AtomicLong();
        AtomicLong read = new AtomicLong();
        AtomicLong expected = new AtomicLong();
        h.plugin("S3Action").behaviour = (spec, context, call) -> {
            String json = context.notificationJson(Map.of("type", "S3"), NotificationContent.NONE);
            assertThat(json).contains("\"subject\":\"big\"");
            expected.set(context.message().size());
            byte[] buffer = new byte[64 * 1024];
            long n = 0;
            try (InputStream in = context.message().open()) {
                for (int r; (r = in.read(buffer)) >= 0; ) {
                    n += r;
                    if (n >= 15 * MB && n - r < 15 * MB) { // halfway: is anything holding the message?
                        peakGrowth.set(usedAfterGc() - baseline.get());
                    }
                }
            }
            read.set(n);
            return ActionOutcome.CONTINUE;
        };
        h.start();

        byte[] head = ("From: a@sender.example\r\nTo: b@example.com\r\nSubject: big\r\n"
                + "Authentication-Results: mx.inlet.test; forged\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] line = new byte[1000];
        Arrays.fill(line, (byte) 'x');
        line[998] = '\r';
        line[999] = '\n';
        long bodyBytes = 30 * MB;
        String id;
        try (SpoolWriter writer = h.spool.begin()) {
            OutputStream out = writer.body();
            out.write(head);
            for (long written = 0; written < bodyBytes; written += line.length) {
                out.write(line);
            }
            id = writer.messageId();
            baseline.set(usedAfterGc());
            writer.commit(new AcceptedMessage(id, envelope("a@sender.example", List.of("b@example.com")), 1,
                    List.of(tenant("111", plan(0, rule("r1", action("S3Action", "Id", "big"))))), writer.size()));
        }
        h.awaitDone(id);

        long forged = "Authentication-Results: mx.inlet.test; forged\r\n".length();
        long fileSize = head.length + (bodyBytes + line.length - 1) / line.length * line.length;
        assertThat(read.get()).isEqualTo(expected.get());
        assertThat(read.get()).isGreaterThan(fileSize - forged);
        assertThat(peakGrowth.get()).isLessThan(20 * MB);
        assertThat(usedAfterGc() - baseline.get()).isLessThan(20 * MB);
    }
}

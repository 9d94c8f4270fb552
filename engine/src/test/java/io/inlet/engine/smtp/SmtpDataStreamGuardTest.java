package io.inlet.engine.smtp;

import io.inlet.engine.smtp.DataStreamGuard.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpDataStreamGuardTest {

    @Test
    void copiesACleanMessage() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataStreamGuard.Result result = DataStreamGuard.copy(in("a: b\r\n\r\nbody\r\n"), out, 100);
        assertThat(result.outcome()).isEqualTo(Outcome.OK);
        assertThat(result.bytesStored()).isEqualTo(14).isEqualTo(result.bytesRead());
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("a: b\r\n\r\nbody\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb\r\n", "a\rb\r\n", "a\r\r\n", "\n", "a\r\n\n", "a\r"})
    void findsBareCrOrLfAnywhere(String data) throws IOException {
        InputStream in = in(data);
        DataStreamGuard.Result result = DataStreamGuard.copy(in, new ByteArrayOutputStream(), 100);
        assertThat(result.outcome()).isEqualTo(Outcome.BARE_LINE_BREAK); // the caller then discards the spool file
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aCrLfSplitAcrossReadsIsFine() throws IOException {
        // a stream that hands out one byte per read, so CR and LF arrive in different blocks
        InputStream trickle = new InputStream() {
            private final InputStream data = in("a\r\nb\r\n");

            @Override
            public int read() throws IOException {
                return data.read();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return len == 0 ? 0 : data.read(b, off, 1);
            }
        };
        assertThat(DataStreamGuard.copy(trickle, new ByteArrayOutputStream(), 100).outcome()).isEqualTo(Outcome.OK);
    }

    @Test
    void stopsWritingPastTheLimitButDrainsEverything() throws IOException {
        byte[] big = "x\r\n".repeat(100_000).getBytes(StandardCharsets.US_ASCII);
        ByteArrayInputStream in = new ByteArrayInputStream(big);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DataStreamGuard.Result result = DataStreamGuard.copy(in, out, 1000);
        assertThat(result.outcome()).isEqualTo(Outcome.TOO_LARGE);
        assertThat(result.bytesRead()).isEqualTo(big.length);
        assertThat(out.size()).isLessThanOrEqualTo(1000);
        assertThat(in.available()).isZero();
    }

    @Test
    void exactlyTheLimitIsAccepted() throws IOException {
        assertThat(DataStreamGuard.copy(in("12345678\r\n"), new ByteArrayOutputStream(), 10).outcome())
                .isEqualTo(Outcome.OK);
        assertThat(DataStreamGuard.copy(in("123456789\r\n"), new ByteArrayOutputStream(), 10).outcome())
                .isEqualTo(Outcome.TOO_LARGE);
    }

    @Test
    void anOutputFailureIsReportedAfterDraining() throws IOException {
        IOException diskFull = new IOException("No space left on device");
        OutputStream failing = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw diskFull;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                throw diskFull;
            }
        };
        InputStream in = in("a\r\nb\r\n");
        DataStreamGuard.Result result = DataStreamGuard.copy(in, failing, 100);
        assertThat(result.outcome()).isEqualTo(Outcome.OUTPUT_FAILED);
        assertThat(result.failure()).isSameAs(diskFull);
        assertThat(in.read()).isEqualTo(-1);
    }

    private static InputStream in(String data) {
        return new ByteArrayInputStream(data.getBytes(StandardCharsets.US_ASCII));
    }
}

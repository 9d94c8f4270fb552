package io.inlet.engine.smtp;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpGreetingTest {

    @Test
    void trimsOnlyTheFirstLine() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GreetingServerSocket.FirstLineTrimmer out = new GreetingServerSocket.FirstLineTrimmer(wire);
        out.write("220 mx.test ESMTP \r\n".getBytes(StandardCharsets.US_ASCII));
        out.write("250 keep trailing blank \r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("220 mx.test ESMTP\r\n250 keep trailing blank \r\n");
    }

    @Test
    void aFirstLineInPiecesIsStillTrimmed() throws IOException {
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        GreetingServerSocket.FirstLineTrimmer out = new GreetingServerSocket.FirstLineTrimmer(wire);
        out.write("220 mx.test ESMTP ".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(wire.size()).isZero();
        out.write("\r\nnext".getBytes(StandardCharsets.US_ASCII));
        assertThat(wire.toString(StandardCharsets.US_ASCII)).isEqualTo("220 mx.test ESMTP\r\nnext");
    }
}

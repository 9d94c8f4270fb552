package io.inlet.actions.dsn;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OriginalHeadersTest {

    @Test
    void stopsAtTheBlankLineAndLeavesTheBodyUnread() throws IOException {
        InputStream message = stream("Subject: Hi\r\n folded\r\nFrom: a@b.example\r\n\r\nbody\r\n");

        assertThat(read(message, OriginalHeaders.MAX_BYTES)).isEqualTo("Subject: Hi\r\n folded\r\nFrom: a@b.example\r\n");
    }

    @Test
    void endsEveryLineWithCrLf() throws IOException {
        assertThat(read(stream("A: 1\nB: 2\r\n\nbody"), OriginalHeaders.MAX_BYTES)).isEqualTo("A: 1\r\nB: 2\r\n");
    }

    @Test
    void aMessageOfHeadersOnlyKeepsItsLastLine() throws IOException {
        assertThat(read(stream("A: 1\r\nB: 2"), OriginalHeaders.MAX_BYTES)).isEqualTo("A: 1\r\nB: 2\r\n");
    }

    @Test
    void aMessageWithoutHeadersGivesNothing() throws IOException {
        assertThat(read(stream("\r\nbody\r\n"), OriginalHeaders.MAX_BYTES)).isEmpty();
    }

    @Test
    void theLimitCutsAtALineBoundary() throws IOException {
        // "A: 1\r\n" and "B: 2\r\n" are 6 bytes each: 14 bytes hold two lines, not the third
        assertThat(read(stream("A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody"), 14)).isEqualTo("A: 1\r\nB: 2\r\n");
        assertThat(read(stream("A: 1\r\nB: 2\r\nC: 3\r\n\r\nbody"), 12)).isEqualTo("A: 1\r\nB: 2\r\n");
    }

    private static String read(InputStream message, int maxBytes) throws IOException {
        return new String(OriginalHeaders.read(message, maxBytes), StandardCharsets.UTF_8);
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

package io.inlet.engine.process;

import io.inlet.engine.verdicts.Header;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderParserTest {

    private static ParsedHeaders parse(String s) throws IOException {
        return HeaderParser.parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void fieldsInOrderUnfoldedWithOneSpacePerFold() throws IOException {
        ParsedHeaders p = parse(ProcessFixtures.MESSAGE_FILTERED);
        assertThat(p.headers()).extracting(Header::name).containsExactly("From", "To", "Cc", "Subject", "Date",
                "Message-ID", "Authentication-Results", "MIME-Version");
        assertThat(p.headers().get(3).value()).isEqualTo("Hello folded world");
        assertThat(p.complete()).isTrue();
        assertThat(p.all("to")).containsExactly("Bob <bob@example.com>, \"Carol, C.\" <carol@example.com>");
    }

    @Test
    void utf8ValuesAndEmptyValues() throws IOException {
        ParsedHeaders p = parse("Subject: Grüße 日本\r\nX-Empty:\r\n\r\nbody");
        assertThat(p.headers()).containsExactly(new Header("Subject", "Grüße 日本"), new Header("X-Empty", ""));
    }

    @Test
    void keepsAtMostTenKilobytesButStillFindsLaterCommonFields() throws IOException {
        StringBuilder m = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            m.append("X-Filler-").append(i).append(": ").append("v".repeat(80)).append("\r\n");
        }
        m.append("Subject: late\r\n\r\nbody");
        ParsedHeaders p = parse(m.toString());
        assertThat(p.complete()).isFalse();
        assertThat(p.headers().stream().mapToLong(HeaderParser::wireSize).sum()).isLessThanOrEqualTo(10 * 1024);
        assertThat(p.all("subject")).containsExactly("late");
    }

    @Test
    void neverReadsTheBody() throws IOException {
        InputStream head = new ByteArrayInputStream("Subject: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'a';
            }
        };
        ParsedHeaders p = HeaderParser.parse(new SequenceInputStream(head, endless));
        assertThat(p.headers()).containsExactly(new Header("Subject", "x"));
    }
}

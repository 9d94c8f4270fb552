package io.inlet.actions.workmail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The DATA encoding (dot-stuffing, CRLF) and reply parsing of the LMTP/SMTP client. */
class WorkmailWireFormatTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // message (\r \n escaped)          | on the wire
            "a\\r\\nb\\r\\n                      | a\\r\\nb\\r\\n.\\r\\n",
            "'.\\r\\n'                           | '..\\r\\n.\\r\\n'",
            "'x\\r\\n.y\\r\\n..z\\r\\n'          | 'x\\r\\n..y\\r\\n...z\\r\\n.\\r\\n'",
            "'a.b\\r\\n'                         | 'a.b\\r\\n.\\r\\n'",
            "'no end'                            | 'no end\\r\\n.\\r\\n'",
            "'bare\\nlf\\n.dot'                  | 'bare\\r\\nlf\\r\\n..dot\\r\\n.\\r\\n'",
            "'bare\\rcr\\r.dot\\r'               | 'bare\\r\\ncr\\r\\n..dot\\r\\n.\\r\\n'",
            "''                                  | '.\\r\\n'",
    })
    void dotStuffsAndEndsWithCrlfDotCrlf(String message, String wire) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        data.write(unescape(message).getBytes(StandardCharsets.UTF_8));
        data.finish();

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(unescape(wire));
    }

    @Test
    void largeWritesPassThroughTheBufferUnchanged() throws IOException {
        StringBuilder message = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            message.append("line ").append(i).append("\r\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        DotStuffingOutputStream data = new DotStuffingOutputStream(out);
        data.write(message.toString().getBytes(StandardCharsets.US_ASCII));
        data.finish();

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo(message + ".\r\n");
    }

    @Test
    void readsSingleAndMultiLineReplies() throws IOException {
        ReplyReader reader = reader("220 ready\r\n250-vm\r\n250-8BITMIME\r\n250 PIPELINING\r\n550 5.1.1 <x@y> User doesn't exist\n354\r\n");

        assertThat(reader.read()).isEqualTo(new Reply(220, "ready"));
        assertThat(reader.read()).isEqualTo(new Reply(250, "vm 8BITMIME PIPELINING"));
        Reply refused = reader.read();
        assertThat(refused).hasToString("550 5.1.1 <x@y> User doesn't exist");
        assertThat(refused.isPermanent()).isTrue();
        assertThat(reader.read().code()).isEqualTo(354);
    }

    @Test
    void refusesWhatIsNotAReply() {
        assertThatThrownBy(() -> reader("HTTP/1.1 400 Bad Request\r\n").read()).hasMessageContaining("not an SMTP/LMTP reply");
        assertThatThrownBy(() -> reader("250-more to come").read()).isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> reader("250 " + "x".repeat(9000) + "\r\n").read()).hasMessageContaining("longer than");
    }

    @Test
    void classifiesReplies() {
        assertThat(new Reply(250, "").isPositive()).isTrue();
        assertThat(new Reply(451, "").isPermanent()).isFalse();
        assertThat(new Reply(451, "").isPositive()).isFalse();
        assertThat(new Reply(554, "").isPermanent()).isTrue();
    }

    private static ReplyReader reader(String text) {
        return new ReplyReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n");
    }
}

package io.inlet.actions.validation;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class SmtpRepliesTest {

    @ParameterizedTest(name = "reply code [{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            550   | true
            554   | true
            450   | true
            421   | true
            ''    | false
            NULL  | false
            250   | false
            650   | false
            55    | false
            5500  | false
            ' 550'| false
            5x0   | false
            ５５０ | false
            """)
    void replyCodes(String code, boolean valid) {
        assertThat(SmtpReplies.isReplyCode(code)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "status code [{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            5.1.1     | true
            4.0.0     | true
            5.7.26    | true
            5.123.123 | true
            ''        | false
            NULL      | false
            2.0.0     | false
            5.1       | false
            5.1.1.1   | false
            5.1234.1  | false
            5.1.1234  | false
            5-1-1     | false
            """)
    void statusCodes(String status, boolean valid) {
        assertThat(SmtpReplies.isStatusCode(status)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "message [{0}] → {1}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
            Mailbox does not exist | true
            x                      | true
            ''                     | false
            NULL                   | false
            """)
    void messages(String message, boolean valid) {
        assertThat(SmtpReplies.isResponseMessage(message)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "message with {0} → refused")
    @CsvSource({"CR", "LF", "CRLF"})
    void messagesWithLineBreaks(String kind) {
        String br = switch (kind) {
            case "CR" -> "\r";
            case "LF" -> "\n";
            default -> "\r\n";
        };
        assertThat(SmtpReplies.isResponseMessage("Mailbox" + br + "X-Injected: 1")).isFalse();
    }
}

package io.inlet.engine.smtp;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.subethamail.smtp.RejectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpEnvelopeSyntaxTest {

    private static final long MAX = 1000;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            MAIL FROM:<a@b.test>                                  | a@b.test          | 0
            mail from:<a@b.test>                                  | a@b.test          | 0
            MAIL FROM: <a@b.test>                                 | a@b.test          | 0
            MAIL FROM:a@b.test                                    | a@b.test          | 0
            MAIL FROM:<>                                          | ''                | 0
            MAIL FROM:<> SIZE=12                                  | ''                | 12
            MAIL FROM:<a@b.test> SIZE=1000 BODY=8BITMIME          | a@b.test          | 1000
            MAIL FROM:<a@b.test> BODY=7bit size=5 SMTPUTF8        | a@b.test          | 5
            MAIL FROM:<a@b.test>   SIZE=7  BODY=8BITMIME          | a@b.test          | 7
            MAIL FROM:<@relay.test,@other.test:a@b.test>          | a@b.test          | 0
            MAIL FROM:<"odd > local"@b.test>                      | "odd > local"@b.test | 0
            MAIL FROM:<ü@bücher.test> SMTPUTF8                    | ü@bücher.test     | 0
            """)
    void parsesMailFrom(String line, String address, long size) throws RejectException {
        EnvelopeSyntax.MailFrom mail = EnvelopeSyntax.mail(line, MAX);
        assertThat(mail.address()).isEqualTo(address);
        assertThat(mail.declaredSize()).isEqualTo(size);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MAIL FROM:                                    | 501 5.5.4 Syntax: MAIL FROM:<address>
            MAIL TO:<a@b.test>                            | 501 5.5.4 Syntax: MAIL FROM:<address>
            MAIL FROM:<a@b.test                           | 501 5.5.4 Syntax: MAIL FROM:<address>
            MAIL FROM:<a@b.test>SIZE=1                    | 501 5.5.4 Syntax: MAIL FROM:<address>
            MAIL FROM:<a>                                 | 501 5.1.7 Bad sender address syntax
            MAIL FROM:<a@>                                | 501 5.1.7 Bad sender address syntax
            MAIL FROM:<a@b.test> SIZE=1001 BODY=8BITMIME  | 552 5.3.4 Message size exceeds fixed limit
            MAIL FROM:<a@b.test> SIZE=123456789012345678901234 | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> SIZE=99999999999999999999 | 552 5.3.4 Message size exceeds fixed limit
            MAIL FROM:<a@b.test> SIZE=-1                  | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> SIZE                     | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> SIZE=1 SIZE=2            | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> BODY=BINARYMIME          | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> SMTPUTF8=yes             | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> =x                       | 501 5.5.4 Syntax error in parameters
            MAIL FROM:<a@b.test> AUTH=<>                  | 555 5.5.4 Unsupported option: AUTH
            MAIL FROM:<a@b.test> SIZE=5000 RET=FULL       | 555 5.5.4 Unsupported option: RET
            """)
    void refusesBadMailFrom(String line, String reply) {
        assertThatThrownBy(() -> EnvelopeSyntax.mail(line, MAX))
                .isInstanceOfSatisfying(RejectException.class, e -> assertThat(e.getErrorResponse()).isEqualTo(reply));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            RCPT TO:<bob@example.com>                  | bob@example.com
            rcpt to: <Bob@Example.com>                 | Bob@Example.com
            RCPT TO:<@relay.test:bob@example.com>      | bob@example.com
            RCPT TO:<Postmaster>                       | Postmaster
            """)
    void parsesRcptTo(String line, String address) throws RejectException {
        assertThat(EnvelopeSyntax.rcpt(line)).isEqualTo(address);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            RCPT TO:                                   | 501 5.5.4 Syntax: RCPT TO:<address>
            RCPT FROM:<bob@example.com>                | 501 5.5.4 Syntax: RCPT TO:<address>
            RCPT TO:<>                                 | 501 5.1.3 Bad recipient address syntax
            RCPT TO:<bob>                              | 501 5.1.3 Bad recipient address syntax
            RCPT TO:<bob@example.com> NOTIFY=NEVER     | 555 5.5.4 Unsupported option: NOTIFY
            """)
    void refusesBadRcptTo(String line, String reply) {
        assertThatThrownBy(() -> EnvelopeSyntax.rcpt(line))
                .isInstanceOfSatisfying(RejectException.class, e -> assertThat(e.getErrorResponse()).isEqualTo(reply));
    }
}

package io.inlet.actions.dsn;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class DsnMessageTest {

    @Test
    void asciiWithShortLinesStays7bit() {
        assertThat(DsnMessage.transferEncoding(bytes("A: 1\r\n" + "x".repeat(998) + "\r\n"))).isEqualTo("7bit");
    }

    @Test
    void eightBitNulOrLongLinesAreQuotedPrintable() {
        assertThat(DsnMessage.transferEncoding(bytes("Subject: Grüße\r\n"))).isEqualTo("quoted-printable");
        assertThat(DsnMessage.transferEncoding(bytes("A: \u0000\r\n"))).isEqualTo("quoted-printable");
        assertThat(DsnMessage.transferEncoding(bytes("A: " + "x".repeat(996) + "\r\n"))).isEqualTo("quoted-printable");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

package io.inlet.engine.process;

import io.inlet.engine.message.Envelope;
import io.inlet.engine.verdicts.Header;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HeaderFormatsTest {

    private static final Instant AT = Instant.parse("2024-05-01T10:00:00.123Z");
    private static final String ID = "0123456789abcdefghijklmnopqrstuv01234567";

    private static Envelope envelope(String from, String ip, String tls) {
        return new Envelope(from, List.of("bob@example.com", "carol@example.com"), "mx.sender.example", ip,
                tls, tls == null ? null : "TLS_AES_128_GCM_SHA256", "mx.inlet.test", AT);
    }

    @Test
    void returnPathNamesTheEnvelopeSender() {
        assertThat(ReceivedHeaders.returnPath(envelope("alice@sender.example", "192.0.2.10", null)))
                .isEqualTo(new Header("Return-Path", "<alice@sender.example>"));
    }

    @Test
    void returnPathOfTheNullSenderIsEmptyBrackets() {
        assertThat(ReceivedHeaders.returnPath(envelope("", "192.0.2.10", null)).value()).isEqualTo("<>");
    }

    @Test
    void receivedInSesFormWithFirstRecipientAndUtcDate() {
        assertThat(ReceivedHeaders.received(ID, envelope("a@b.c", "192.0.2.10", null)).value()).isEqualTo(
                "from mx.sender.example ([192.0.2.10]) by mx.inlet.test with SMTP id " + ID
                        + " for bob@example.com; Wed, 01 May 2024 10:00:00 +0000 (UTC)");
    }

    @Test
    void receivedSaysEsmtpsUnderTlsAndBracketsIpv6() {
        String v = ReceivedHeaders.received(ID, envelope("a@b.c", "2001:db8::1", "TLSv1.3")).value();
        assertThat(v).startsWith("from mx.sender.example ([IPv6:2001:db8::1]) by mx.inlet.test with SMTP id ");
    }

    @Test
    void buildGivesReturnPathThenReceived() {
        assertThat(ReceivedHeaders.build(ID, envelope("a@b.c", "192.0.2.10", null)))
                .extracting(Header::name).containsExactly("Return-Path", "Received");
    }

    @Test
    void longHeadersFoldAtWhitespaceAndUnfoldToTheSameValue() {
        Header received = ReceivedHeaders.received(ID, envelope("a@b.c", "192.0.2.10", null));
        String wire = HeaderBytes.fold(received.name() + ": " + received.value());
        assertThat(wire).endsWith("\r\n").contains("\r\n ");
        for (String line : wire.split("\r\n")) {
            assertThat(line.length()).isLessThanOrEqualTo(HeaderBytes.FOLD_AT + 1);
            assertThat(line).isNotBlank();
        }
        String unfolded = wire.substring(0, wire.length() - 2).replace("\r\n", "");
        assertThat(unfolded).isEqualTo("Received: " + received.value());
    }

    @Test
    void shortHeaderIsOneLine() {
        assertThat(HeaderBytes.fold("X-A: b")).isEqualTo("X-A: b\r\n");
    }

    @Test
    void aLongTokenOverflowsRatherThanBreaking() {
        String token = "x".repeat(200);
        assertThat(HeaderBytes.fold("X-Long: " + token + " tail")).isEqualTo("X-Long: " + token + "\r\n tail\r\n");
    }
}

package io.inlet.engine.smtp;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SmtpSettingsTest {

    @Test
    void defaultsSuitAnMx() {
        SmtpSettings settings = SmtpSettings.defaults();
        assertThat(settings.host()).isEqualTo("0.0.0.0");
        assertThat(settings.port()).isEqualTo(25);
        assertThat(settings.hostname()).isEqualTo(SmtpSettings.localHostname()).isNotBlank();
        assertThat(settings.maxMessageSize()).isEqualTo(40L * 1024 * 1024);
        assertThat(settings.maxRecipients()).isEqualTo(100);
        assertThat(settings.maxConnections()).isEqualTo(1000);
        assertThat(settings.maxConnectionsPerIp()).isEqualTo(20);
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.transactionDeadline()).isEqualTo(Duration.ofMinutes(10));
        assertThat(settings.tls()).isEmpty();
        assertThat(settings.proxyProtocol()).isEqualTo(ProxyProtocol.OFF);
        assertThat(settings.shutdownDeadline()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void refusesValuesThatCannotWork() {
        assertThatThrownBy(() -> SmtpSettings.builder().hostname("mx example").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().hostname("mx\r\nX-Injected: 1").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().port(70000).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().maxMessageSize(0).build()).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().maxMessageSize(3L * 1024 * 1024 * 1024).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().maxConnectionsPerIp(0).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().transactionDeadline(Duration.ZERO).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SmtpSettings.builder().shutdownDeadline(Duration.ofSeconds(-1)).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void proxyProtocolParsesTheConfigurationWords() {
        assertThat(ProxyProtocol.parse("off")).isEqualTo(ProxyProtocol.OFF);
        assertThat(ProxyProtocol.parse("V2")).isEqualTo(ProxyProtocol.V2);
        assertThat(ProxyProtocol.parse(" any ")).isEqualTo(ProxyProtocol.ANY);
        assertThatThrownBy(() -> ProxyProtocol.parse("v3")).hasMessageContaining("off, v1, v2 or any");
    }

    @Test
    void theKeystorePasswordStaysOutOfLogs() {
        TlsCredentials credentials = TlsCredentials.pkcs12(Path.of("/etc/inlet/mx.p12"), "s3cret");
        assertThat(SmtpSettings.builder().tls(credentials).build().toString())
                .contains("/etc/inlet/mx.p12").doesNotContain("s3cret");
    }
}

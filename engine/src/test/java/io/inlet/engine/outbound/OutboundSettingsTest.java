package io.inlet.engine.outbound;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboundSettingsTest {

    private static OutboundSettings.Builder builder() {
        return OutboundSettings.builder("mx.inlet.test");
    }

    @Test
    void defaultsDeliverDirectlyWithMtaValues() {
        OutboundSettings settings = builder().build();
        assertThat(settings.usesRelay()).isFalse();
        assertThat(settings.relayPort()).isEqualTo(25);
        assertThat(settings.mxPort()).isEqualTo(25);
        assertThat(settings.relayStarttls()).isEqualTo(StartTlsPolicy.OPPORTUNISTIC);
        assertThat(settings.tlsTrustAll()).isFalse();
        assertThat(settings.workers()).isEqualTo(2);
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(settings.retryInitial()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.retryMax()).isEqualTo(Duration.ofHours(1));
        assertThat(settings.maxAge()).isEqualTo(Duration.ofDays(5));
    }

    @Test
    void refusesBadValuesNamingTheKey() {
        assertThatThrownBy(() -> builder().relayPort(0).build()).hasMessageContaining("relay-port must be 1..65535");
        assertThatThrownBy(() -> builder().mxPort(70000).build()).hasMessageContaining("mx-port");
        assertThatThrownBy(() -> builder().relayHost("smtp.example.test").relayUsername("u").build())
                .hasMessageContaining("relay-username and relay-password must be set together");
        assertThatThrownBy(() -> builder().relayUsername("u").relayPassword("p").build())
                .hasMessageContaining("relay-host is empty");
        assertThatThrownBy(() -> builder().relayHost("two words").build()).hasMessageContaining("relay-host");
        assertThatThrownBy(() -> builder().workers(0).build()).hasMessageContaining("workers must be 1..256");
        assertThatThrownBy(() -> builder().retryInitial(Duration.ofHours(2)).build())
                .hasMessageContaining("retry-max (PT1H) must not be below retry-initial (PT2H)");
        assertThatThrownBy(() -> builder().maxAge(Duration.ZERO).build()).hasMessageContaining("max-age must be positive");
        assertThatThrownBy(() -> builder().connectTimeout(Duration.ofSeconds(-1)).build())
                .hasMessageContaining("connect-timeout");
        assertThatThrownBy(() -> builder().heloName("bad name\r\n").build()).hasMessageContaining("EHLO name");
        assertThatThrownBy(() -> StartTlsPolicy.parse("sometimes"))
                .hasMessage("STARTTLS policy must be off, opportunistic or required: sometimes");
        assertThat(StartTlsPolicy.parse("Required")).isEqualTo(StartTlsPolicy.REQUIRED);
    }

    @Test
    void toStringHidesThePassword() {
        OutboundSettings settings = builder().relayHost("smtp.example.test").relayUsername("user")
                .relayPassword("hunter2").build();
        assertThat(settings.toString()).contains("relayUsername=user").contains("relayPassword=****")
                .doesNotContain("hunter2");
    }
}

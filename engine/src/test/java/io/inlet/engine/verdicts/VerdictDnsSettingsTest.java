package io.inlet.engine.verdicts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerdictDnsSettingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "127.0.0.1          | 127.0.0.1 | 53",
            "127.0.0.1:5353     | 127.0.0.1 | 5353",
            "[::1]:5353         | ::1       | 5353",
            "[::1]              | ::1       | 53",
            "::1                | ::1       | 53",
            " 10.0.0.2:53       | 10.0.0.2  | 53",
    })
    void serverForms(String text, String host, int port) {
        InetSocketAddress address = DnsResolvers.parse(text);

        assertThat(address.getAddress().getHostAddress()).isEqualTo(
                new InetSocketAddress(host, port).getAddress().getHostAddress());
        assertThat(address.getPort()).isEqualTo(port);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"127.0.0.1:0", "127.0.0.1:70000", "127.0.0.1:x", "'[::1'"})
    void badServersAreRejected(String text) {
        assertThatThrownBy(() -> DnsResolvers.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void budgetCoversEveryAttemptAtEveryServer() {
        Resolver resolver = DnsResolvers.create(new DnsSettings(List.of("127.0.0.1:5301", "127.0.0.1:5302"),
                Duration.ofSeconds(2), 2));

        assertThat(resolver).isInstanceOf(ExtendedResolver.class);
        ExtendedResolver extended = (ExtendedResolver) resolver;
        assertThat(extended.getResolvers()).hasSize(2).allSatisfy(r ->
                assertThat(r.getTimeout()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(extended.getRetries()).isEqualTo(3);
        assertThat(extended.getTimeout()).isGreaterThanOrEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void emptyServerListMeansTheSystemResolvers() {
        assertThat(DnsResolvers.create(DnsSettings.system())).isInstanceOf(ExtendedResolver.class);
    }

    @Test
    void settingsAreValidated() {
        assertThatThrownBy(() -> new DnsSettings(List.of(), Duration.ZERO, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DnsSettings(List.of(), Duration.ofSeconds(1), -1)).isInstanceOf(IllegalArgumentException.class);
    }
}

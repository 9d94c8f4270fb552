package io.inlet.config.identity;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static io.inlet.config.identity.DomainVerificationChecker.Outcome.FOUND;
import static io.inlet.config.identity.DomainVerificationChecker.Outcome.NOT_FOUND;
import static io.inlet.config.identity.DomainVerificationChecker.Outcome.UNAVAILABLE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The TXT lookups themselves, through resolvers built from configuration strings. */
class DnsDomainVerificationCheckerTest {
    static final String TOKEN = "pmBGN/7MjnfhTKUZ06Enqq1PeGUaOkw8lGhcfwefcHU=";
    LoopbackDnsServer dns;

    @BeforeEach
    void start() throws Exception {
        dns = new LoopbackDnsServer();
    }

    @AfterEach
    void stop() throws Exception {
        dns.close();
    }

    private DnsDomainVerificationChecker configured(String... servers) {
        return DnsDomainVerificationChecker.create(List.of(servers), Duration.ofMillis(300));
    }

    @Test
    void configuredServerWithPort() {
        DnsDomainVerificationChecker checker = configured("127.0.0.1:" + dns.address().getPort());
        assertThat(checker.check("example.com", TOKEN)).isEqualTo(NOT_FOUND);
        dns.addTxt("_amazonses.example.com", TOKEN);
        assertThat(checker.check("example.com", TOKEN)).isEqualTo(FOUND);
        assertThat(checker.check("example.com", TOKEN.toLowerCase())).isEqualTo(NOT_FOUND); // base64 is case-sensitive
        assertThat(checker.check("sub.example.com", TOKEN)).isEqualTo(NOT_FOUND);
    }

    @Test
    void severalServersAndTheSettingsFactory() {
        IdentitySettings settings = new IdentitySettings(VerificationMode.DNS, null, null,
                List.of("127.0.0.1:" + dns.address().getPort(), "[::1]:" + dns.address().getPort()), Duration.ofMillis(300));
        DomainVerificationChecker checker = DomainVerificationChecker.forSettings(settings);
        dns.addTxt("_amazonses.example.com", "amazonses:" + TOKEN);
        assertThat(checker.check("example.com", TOKEN)).isEqualTo(FOUND);
    }

    @Test
    void silenceIsUnavailableNotAbsent() {
        DnsDomainVerificationChecker checker = configured("127.0.0.1:" + dns.address().getPort());
        dns.fail(LoopbackDnsServer.Failure.DROP);
        assertThat(checker.check("example.com", TOKEN)).isEqualTo(UNAVAILABLE);
    }

    @Test
    void badServerSpellingIsAConfigurationError() {
        assertThatThrownBy(() -> configured("[::1"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}

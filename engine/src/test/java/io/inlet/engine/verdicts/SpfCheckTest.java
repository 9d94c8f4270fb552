package io.inlet.engine.verdicts;

import io.inlet.engine.testing.LoopbackDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class SpfCheckTest {

    private static LoopbackDns dns;
    private static SpfCheck spf;

    @BeforeAll
    static void startDns() throws IOException {
        dns = LoopbackDns.start()
                .txt("pass.example.com", "v=spf1 ip4:127.0.0.1 -all")
                .txt("fail.example.com", "v=spf1 ip4:192.0.2.1 -all")
                .txt("softfail.example.com", "v=spf1 ip4:192.0.2.1 ~all")
                .txt("neutral.example.com", "v=spf1 ?all")
                .txt("unrelated-txt.example.com", "google-site-verification=abc")
                .txt("twice.example.com", "v=spf1 -all", "v=spf1 +all")
                .txt("syntax.example.com", "v=spf1 ip4:127.0.0.1 bogus:thing -all")
                .txt("mx.helo.example.com", "v=spf1 ip4:127.0.0.1 -all")
                .servfail("servfail.example.com")
                .silent("silent.example.com");
        spf = new SpfCheck(DnsResolvers.create(dns.settings()));
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvSource({
            "alice@pass.example.com,          pass,      PASS",
            "alice@fail.example.com,          fail,      FAIL",
            "alice@softfail.example.com,      softfail,  GRAY",
            "alice@neutral.example.com,       neutral,   GRAY",
            "alice@unrelated-txt.example.com, none,      GRAY",
            "alice@nxdomain.example.com,      none,      GRAY",
            "alice@twice.example.com,         permerror, PROCESSING_FAILED",
            "alice@syntax.example.com,        permerror, PROCESSING_FAILED",
            "alice@servfail.example.com,      temperror, PROCESSING_FAILED",
            "alice@silent.example.com,        temperror, PROCESSING_FAILED",
    })
    void mapsEveryResultToAnSesVerdict(String mailFrom, String result, Verdict verdict) {
        SpfOutcome outcome = spf.check(TestMail.envelope(mailFrom, "mx.client.example"));

        assertThat(outcome.result()).isEqualTo(result);
        assertThat(outcome.verdict()).isEqualTo(verdict);
        assertThat(outcome.domain()).isEqualTo(mailFrom.substring(mailFrom.indexOf('@') + 1));
    }

    @Test
    void receivedSpfTextIsSesForm() {
        SpfOutcome pass = spf.check(TestMail.envelope("alice@pass.example.com", "mx.pass.example.com"));
        SpfOutcome fail = spf.check(TestMail.envelope("alice@fail.example.com", "mx.fail.example.com"));

        assertThat(pass.headerText()).isEqualTo("pass (spfCheck: domain of pass.example.com designates 127.0.0.1"
                + " as permitted sender) client-ip=127.0.0.1; envelope-from=alice@pass.example.com;"
                + " helo=mx.pass.example.com;");
        assertThat(fail.headerText()).isEqualTo("fail (spfCheck: domain of fail.example.com does not designate"
                + " 127.0.0.1 as permitted sender) client-ip=127.0.0.1; envelope-from=alice@fail.example.com;"
                + " helo=mx.fail.example.com;");
    }

    @Test
    void nullSenderIsCheckedAsPostmasterAtHelo() {
        SpfOutcome outcome = spf.check(TestMail.envelope("", "mx.helo.example.com"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.nullSender()).isTrue();
        assertThat(outcome.mailFrom()).isEqualTo("postmaster@mx.helo.example.com");
        assertThat(outcome.domain()).isEqualTo("mx.helo.example.com");
        assertThat(outcome.headerText()).contains("envelope-from=postmaster@mx.helo.example.com;");
    }

    @Test
    void bracketedClientAddressIsAccepted() {
        var envelope = TestMail.envelope("alice@pass.example.com", "mx.pass.example.com");
        var bracketed = new io.inlet.engine.message.Envelope(envelope.mailFrom(), envelope.recipients(),
                envelope.helo(), "[127.0.0.1]", null, null, envelope.receivedBy(), envelope.receivedAt());

        assertThat(spf.check(bracketed).verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void aResolverThatNeverAnswersEndsInProcessingFailedQuickly() {
        Instant start = Instant.now();

        SpfOutcome outcome = spf.check(TestMail.envelope("alice@silent.example.com", "mx.client.example"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(outcome.headerText()).startsWith("temperror (spfCheck: Error in retrieving data from DNS)");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(10));
    }

    @Test
    void garbageEnvelopeIsProcessingFailedNotAnException() {
        var envelope = new io.inlet.engine.message.Envelope("alice@pass.example.com", java.util.List.of("b@x.example"),
                null, "not-an-ip", null, null, "mx", Instant.now());

        SpfOutcome outcome = spf.check(envelope);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
    }
}

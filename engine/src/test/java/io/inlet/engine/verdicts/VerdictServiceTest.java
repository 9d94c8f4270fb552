package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.message.Envelope;
import io.inlet.engine.testing.LoopbackDns;
import io.inlet.engine.verdicts.TestMail.DkimKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class VerdictServiceTest {

    private static final DkimKey KEY = DkimKey.generate(2048);
    private static final String PASS_SPF = "pass (spfCheck: domain of example.com designates 127.0.0.1 as permitted"
            + " sender) client-ip=127.0.0.1; envelope-from=alice@example.com; helo=mx.example.com;";
    private static LoopbackDns dns;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDns() throws IOException {
        dns = LoopbackDns.start()
                .txt("example.com", "v=spf1 ip4:127.0.0.1 -all")
                .txt("sel._domainkey.example.com", KEY.record())
                .txt("_dmarc.example.com", "v=DMARC1; p=reject")
                .txt("mx.example.com", "v=spf1 ip4:127.0.0.1 -all")
                .txt("monitor.example", "v=spf1 -all")
                .txt("_dmarc.monitor.example", "v=DMARC1; p=none");
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    private static VerdictService service(AuthResultsStyle style, MessageScanner spam, MessageScanner virus) {
        return new DefaultVerdictService(DnsResolvers.create(dns.settings()), spam, virus, style);
    }

    private MessageBytes signed() throws IOException {
        return TestMail.write(dir, "signed.eml",
                KEY.sign(TestMail.message("Alice <alice@example.com>", "hello", "Hi Bob\r\n"), "example.com", "sel"));
    }

    @Test
    void authenticatedMailPassesEverythingAndNamesItInRfc8601Form() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), false);

        assertThat(verdicts).isEqualTo(new Verdicts(Verdict.PASS, Verdict.PASS, Verdict.PASS, Verdict.DISABLED,
                Verdict.DISABLED, null, List.of(
                new Header("Received-SPF", PASS_SPF),
                new Header("Authentication-Results", "mx.inlet.example;"
                        + " spf=pass (spfCheck: domain of example.com designates 127.0.0.1 as permitted sender)"
                        + " smtp.mailfrom=alice@example.com;"
                        + " dkim=pass header.i=@example.com header.s=sel;"
                        + " dmarc=pass header.from=example.com"))));
    }

    @Test
    void sesStyleRepeatsTheReceivedSpfText() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.SES, null, null)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), false);

        assertThat(verdicts.headers().get(1)).isEqualTo(new Header("Authentication-Results", "mx.inlet.example;"
                + " spf=pass (spfCheck: domain of example.com designates 127.0.0.1 as permitted sender)"
                + " client-ip=127.0.0.1; envelope-from=alice@example.com; helo=mx.example.com;"
                + " dkim=pass header.i=@example.com header.s=sel;"
                + " dmarc=pass header.from=example.com;"));
    }

    @Test
    void spoofedFromFailsDmarcWithThePolicy() throws IOException {
        MessageBytes message = TestMail.write(dir, "spoof.eml", TestMail.message("alice@example.com", "pay now", "Pay.\r\n"));

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("mallory@elsewhere.example", "mx.elsewhere.example"), message, false);

        assertThat(verdicts.spf()).isEqualTo(Verdict.GRAY);
        assertThat(verdicts.dkim()).isEqualTo(Verdict.GRAY);
        assertThat(verdicts.dmarc()).isEqualTo(Verdict.FAIL);
        assertThat(verdicts.dmarcPolicy()).isEqualTo("reject");
        assertThat(verdicts.headers().get(1).value()).isEqualTo("mx.inlet.example;"
                + " spf=none (spfCheck: 127.0.0.1 is neither permitted nor denied by domain of elsewhere.example)"
                + " smtp.mailfrom=mallory@elsewhere.example; dkim=none; dmarc=fail header.from=example.com");
    }

    @Test
    void policyNoneFailureIsGrayWithPolicyNone() throws IOException {
        MessageBytes message = TestMail.write(dir, "mon.eml", TestMail.message("news@monitor.example", "n", "N\r\n"));

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("news@monitor.example", "mx.monitor.example"), message, false);

        assertThat(verdicts.spf()).isEqualTo(Verdict.FAIL);
        assertThat(verdicts.dmarc()).isEqualTo(Verdict.GRAY);
        assertThat(verdicts.dmarcPolicy()).isEqualTo("none");
    }

    @Test
    void tamperedSignatureIsReportedPerSignature() throws IOException {
        String text = TestMail.ascii(KEY.sign(TestMail.message("alice@example.com", "hello", "Hi Bob\r\n"),
                "example.com", "sel")).replace("Hi Bob", "Hi Eve");
        MessageBytes message = TestMail.write(dir, "t.eml", text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), message, false);

        assertThat(verdicts.dkim()).isEqualTo(Verdict.FAIL);
        assertThat(verdicts.dmarc()).isEqualTo(Verdict.PASS);
        assertThat(verdicts.headers().get(1).value()).contains("; dkim=fail header.i=@example.com header.s=sel;");
    }

    @Test
    void nullSenderIsReportedAsHelo() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("", "mx.example.com"), signed(), false);

        assertThat(verdicts.spf()).isEqualTo(Verdict.PASS);
        assertThat(verdicts.headers().get(1).value()).contains(" smtp.helo=mx.example.com;");
    }

    @Test
    void scanWithoutScannersIsDisabledAndWritesNoScanHeaders() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), true);

        assertThat(verdicts.spam()).isEqualTo(Verdict.DISABLED);
        assertThat(verdicts.virus()).isEqualTo(Verdict.DISABLED);
        assertThat(verdicts.headers()).extracting(Header::name)
                .containsExactly("Received-SPF", "Authentication-Results");
    }

    @Test
    void scannersAreNotAskedWhenNoRuleWantsScanning() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        MessageScanner counting = path -> {
            calls.incrementAndGet();
            return Verdict.PASS;
        };

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, counting, counting)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), false);

        assertThat(calls).hasValue(0);
        assertThat(verdicts.spam()).isEqualTo(Verdict.DISABLED);
        assertThat(verdicts.headers()).hasSize(2);
    }

    @Test
    void scannedHeadersComeFirstInSesOrder() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.RFC8601, path -> Verdict.GRAY, path -> Verdict.PASS)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), true);

        assertThat(verdicts.headers()).extracting(Header::name).containsExactly(
                "X-SES-Spam-Verdict", "X-SES-Virus-Verdict", "Received-SPF", "Authentication-Results");
        assertThat(verdicts.headers().subList(0, 2)).extracting(Header::value).containsExactly("GRAY", "PASS");
    }

    @Test
    void aScannerThatThrowsIsProcessingFailed() throws IOException {
        MessageScanner broken = path -> {
            throw new IllegalStateException("bug");
        };

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, broken, path -> Verdict.PASS)
                .evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), true);

        assertThat(verdicts.spam()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.headers().get(0)).isEqualTo(new Header("X-SES-Spam-Verdict", "PROCESSING_FAILED"));
    }

    @Test
    void unreachableScannersAreProcessingFailed() throws IOException {
        int closed = ScannerDaemon.freePort();
        VerdictService service = new DefaultVerdictService(new VerdictSettings(dns.settings(),
                new SpamdSettings("127.0.0.1:" + closed, Duration.ofSeconds(2), 1 << 20),
                new ClamdSettings("127.0.0.1:" + closed, Duration.ofSeconds(2), 1 << 20), AuthResultsStyle.RFC8601));

        Verdicts verdicts = service.evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), signed(), true);

        assertThat(verdicts.spam()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.virus()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.spf()).isEqualTo(Verdict.PASS);
    }

    @Test
    void missingMessageFileNeverThrows() {
        VerdictService service = service(AuthResultsStyle.RFC8601, new SpamdClient(SpamdSettings.at("127.0.0.1:1")),
                new ClamdClient(ClamdSettings.at("127.0.0.1:1")));
        Envelope envelope = TestMail.envelope("alice@example.com", "mx.example.com");

        assertThatCode(() -> service.evaluate(envelope, new MessageBytes(dir.resolve("gone.eml"), 0), true)).doesNotThrowAnyException();
        Verdicts verdicts = service.evaluate(envelope, new MessageBytes(dir.resolve("gone.eml"), 0), true);
        assertThat(verdicts.spf()).isEqualTo(Verdict.PASS);
        assertThat(verdicts.dkim()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.dmarc()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.spam()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.virus()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.dmarcPolicy()).isNull();
        assertThat(verdicts.headers().get(3).value())
                .isEqualTo("mx.inlet.example; spf=pass (spfCheck: domain of example.com designates 127.0.0.1 as"
                        + " permitted sender) smtp.mailfrom=alice@example.com; dkim=temperror; dmarc=permerror");
    }

    @Test
    void deadDnsMakesEveryDnsCheckProcessingFailedQuickly() throws IOException {
        MessageBytes message = signed();
        DnsSettings dead = new DnsSettings(List.of("127.0.0.1:" + ScannerDaemon.freePort()), Duration.ofMillis(300), 0);
        VerdictService service = new DefaultVerdictService(new VerdictSettings(dead, null, null, AuthResultsStyle.RFC8601));
        Instant start = Instant.now();

        Verdicts verdicts = service.evaluate(TestMail.envelope("alice@example.com", "mx.example.com"), message, false);

        assertThat(verdicts.spf()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.dkim()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.dmarc()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(verdicts.headers().get(1).value()).contains("spf=temperror", "dkim=temperror", "dmarc=temperror");
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void oneServiceServesManyMessagesAtOnce() throws IOException {
        MessageBytes message = signed();
        VerdictService service = service(AuthResultsStyle.RFC8601, null, null);
        Envelope envelope = TestMail.envelope("alice@example.com", "mx.example.com");

        List<Verdicts> all = java.util.stream.IntStream.range(0, 32).parallel()
                .mapToObj(i -> service.evaluate(envelope, message, false)).toList();

        assertThat(all).allSatisfy(v -> {
            assertThat(v.spf()).isEqualTo(Verdict.PASS);
            assertThat(v.dkim()).isEqualTo(Verdict.PASS);
            assertThat(v.dmarc()).isEqualTo(Verdict.PASS);
        });
    }

    @Test
    void clientSuppliedTextCannotBreakTheHeaderLine() throws IOException {
        Verdicts verdicts = service(AuthResultsStyle.SES, null, null)
                .evaluate(TestMail.envelope("alice@example.com", "evil\r\nX-Injected: yes"), signed(), false);

        assertThat(verdicts.headers()).extracting(Header::value).noneMatch(v -> v.contains("\r") || v.contains("\n"));
        assertThat(verdicts.headers().get(0).value()).contains("helo=evil  X-Injected: yes;");
    }

    @Test
    void authservIdIsTheReceivingHost() throws IOException {
        Envelope envelope = TestMail.envelope("alice@example.com", "mx.example.com");
        Envelope other = new Envelope(envelope.mailFrom(), envelope.recipients(), envelope.helo(),
                envelope.clientAddress(), "TLSv1.3", "TLS_AES_128_GCM_SHA256", "inbound.acme.example", envelope.receivedAt());

        Verdicts verdicts = service(AuthResultsStyle.RFC8601, null, null).evaluate(other, signed(), false);

        assertThat(verdicts.headers().get(1).value()).startsWith("inbound.acme.example; spf=pass");
    }
}

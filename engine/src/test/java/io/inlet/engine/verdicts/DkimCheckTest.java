package io.inlet.engine.verdicts;

import io.inlet.engine.message.MessageBytes;
import io.inlet.engine.testing.LoopbackDns;
import io.inlet.engine.verdicts.TestMail.DkimKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class DkimCheckTest {

    private static final DkimKey KEY = DkimKey.generate(2048);
    private static final DkimKey OTHER_KEY = DkimKey.generate(1024);
    private static LoopbackDns dns;
    private static DkimCheck dkim;

    @TempDir
    Path dir;

    @BeforeAll
    static void startDns() throws IOException {
        dns = LoopbackDns.start()
                .txt("sel._domainkey.example.com", KEY.record())
                .txt("other._domainkey.example.org", OTHER_KEY.record())
                .txt("revoked._domainkey.example.com", "v=DKIM1; k=rsa; p=")
                .servfail("flaky._domainkey.example.com");
        dkim = new DkimCheck(DnsResolvers.create(dns.settings()));
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    private static byte[] plain() {
        return TestMail.message("Alice <alice@example.com>", "DKIM test", "Hello Bob,\r\nsee you.\r\n");
    }

    private DkimOutcome check(byte[] message) throws IOException {
        return dkim.check(TestMail.write(dir, "m.eml", message));
    }

    @Test
    void validSignaturePassesWithItsIdentifiers() throws IOException {
        DkimOutcome outcome = check(KEY.sign(plain(), "example.com", "sel"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.signatures()).containsExactly(
                new DkimSignatureResult("pass", "example.com", "sel", "@example.com", null));
    }

    @Test
    void tamperedBodyFails() throws IOException {
        String signed = TestMail.ascii(KEY.sign(plain(), "example.com", "sel"));

        DkimOutcome outcome = check(signed.replace("see you.", "send money.").getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.signatures()).singleElement().satisfies(s -> {
            assertThat(s.result()).isEqualTo("fail");
            assertThat(s.domain()).isEqualTo("example.com");
            assertThat(s.reason()).contains("bodyhash");
        });
    }

    @Test
    void tamperedSignedHeaderFails() throws IOException {
        String signed = TestMail.ascii(KEY.sign(plain(), "example.com", "sel"));

        DkimOutcome outcome = check(signed.replace("Subject: DKIM test", "Subject: Urgent").getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.signatures()).singleElement().extracting(DkimSignatureResult::result).isEqualTo("fail");
    }

    @Test
    void unsignedIsGray() throws IOException {
        DkimOutcome outcome = check(plain());

        assertThat(outcome.verdict()).isEqualTo(Verdict.GRAY);
        assertThat(outcome.signatures()).isEmpty();
    }

    @Test
    void missingKeyFails() throws IOException {
        DkimOutcome outcome = check(KEY.sign(plain(), "example.com", "nokey"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.signatures()).singleElement().extracting(DkimSignatureResult::selector).isEqualTo("nokey");
    }

    @Test
    void revokedKeyFails() throws IOException {
        assertThat(check(KEY.sign(plain(), "example.com", "revoked")).verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void keyLookupServfailIsProcessingFailed() throws IOException {
        DkimOutcome outcome = check(KEY.sign(plain(), "example.com", "flaky"));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(outcome.signatures()).singleElement().extracting(DkimSignatureResult::result).isEqualTo("temperror");
    }

    @Test
    void malformedSignatureIsProcessingFailed() throws IOException {
        byte[] message = ("DKIM-Signature: this is not a tag list\r\n" + TestMail.ascii(plain())).getBytes(StandardCharsets.UTF_8);

        DkimOutcome outcome = check(message);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(outcome.signatures()).singleElement().satisfies(s -> {
            assertThat(s.result()).isEqualTo("permerror");
            assertThat(s.domain()).isNull();
        });
    }

    @Test
    void oneGoodSignatureAmongBadOnesIsEnough() throws IOException {
        byte[] once = KEY.sign(plain(), "example.com", "sel");
        byte[] twice = OTHER_KEY.sign(once, "example.org", "nokey");

        DkimOutcome outcome = check(twice);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.signatures()).extracting(DkimSignatureResult::result).containsExactlyInAnyOrder("pass", "fail");
    }

    @Test
    void twoValidSignaturesBothReported() throws IOException {
        byte[] twice = OTHER_KEY.sign(KEY.sign(plain(), "example.com", "sel"), "example.org", "other");

        DkimOutcome outcome = check(twice);

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.signatures()).extracting(DkimSignatureResult::domain)
                .containsExactlyInAnyOrder("example.com", "example.org");
    }

    @Test
    void onlyTheTopmostSignaturesAreChecked() throws IOException {
        StringBuilder junk = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            junk.append("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=junk").append(i)
                    .append("; h=from; bh=AAAA; b=AAAA\r\n");
        }
        byte[] message = (TestMail.ascii(KEY.sign(plain(), "example.com", "sel")).replaceFirst("\r\n", "\r\n" + junk))
                .getBytes(StandardCharsets.UTF_8);

        DkimOutcome outcome = check(message);

        assertThat(outcome.signatures()).hasSize(DkimHeaders.MAX_SIGNATURES);
        assertThat(dns.queries()).filteredOn(q -> q.startsWith("junk")).hasSizeLessThanOrEqualTo(DkimHeaders.MAX_SIGNATURES);
    }

    @Test
    void bareLfLineEndsVerifyLikeCrlf() throws IOException {
        String signed = TestMail.ascii(KEY.sign(plain(), "example.com", "sel"));

        DkimOutcome outcome = check(signed.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void keyLargerThanAUdpAnswerIsFetchedOverTcp() throws IOException {
        DkimKey big = DkimKey.generate(4096);
        try (LoopbackDns small = LoopbackDns.start().udpLimit(512).txt("big._domainkey.example.net", big.record())) {
            DkimCheck check = new DkimCheck(DnsResolvers.create(small.settings()));

            DkimOutcome outcome = check.check(TestMail.write(dir, "big.eml", big.sign(plain(), "example.net", "big")));

            assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
            assertThat(small.tcpQueries()).isPositive();
        }
    }

    @Test
    void largeSignedMessageVerifies() throws IOException {
        String body = ("0123456789abcdef".repeat(4) + "\r\n").repeat(256 * 1024);
        byte[] signed = KEY.sign(TestMail.message("alice@example.com", "large", body), "example.com", "sel");
        MessageBytes file = TestMail.write(dir, "large.eml", signed);

        DkimOutcome outcome = dkim.check(file);

        assertThat(file.size()).isGreaterThan(16L * 1024 * 1024);
        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void unreadableFileIsProcessingFailed() {
        assertThat(dkim.check(new MessageBytes(dir.resolve("missing.eml"), 0)).verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
    }
}

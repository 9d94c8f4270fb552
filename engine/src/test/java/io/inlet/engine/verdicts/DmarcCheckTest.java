package io.inlet.engine.verdicts;

import io.inlet.engine.testing.LoopbackDns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcCheckTest {

    private static LoopbackDns dns;
    private static DmarcCheck dmarc;

    @BeforeAll
    static void startDns() throws IOException {
        dns = LoopbackDns.start()
                .txt("_dmarc.reject-corp.com", "v=DMARC1; p=reject; rua=mailto:d@reject-corp.com")
                .txt("_dmarc.quarantine-corp.com", "v=DMARC1; p=quarantine; pct=10")
                .txt("_dmarc.monitor-corp.com", "v=DMARC1; p=none")
                .txt("_dmarc.strict-corp.com", "v=DMARC1; p=reject; adkim=s; aspf=s")
                .txt("_dmarc.example.co.uk", "v=DMARC1; p=reject; sp=quarantine")
                .txt("_dmarc.own.example.co.uk", "v=DMARC1; p=none")
                .txt("_dmarc.twice-corp.com", "v=DMARC1; p=reject", "v=DMARC1; p=none")
                .txt("_dmarc.ruaonly-corp.com", "v=DMARC1; rua=mailto:d@ruaonly-corp.com")
                .txt("_dmarc.badp-corp.com", "v=DMARC1; p=bogus")
                .txt("_dmarc.spf-only-corp.com", "v=spf1 -all")
                .txt("_dmarc.example.test", "v=DMARC1; p=reject")
                .servfail("_dmarc.flaky-corp.com")
                .servfail("_dmarc.sub.flaky-org.com");
        dmarc = new DmarcCheck(DnsResolvers.create(dns.settings()));
    }

    @AfterAll
    static void stopDns() throws IOException {
        dns.close();
    }

    /** @param fields header lines; a literal backslash-r-backslash-n (as CSV sources give) is a line break */
    private static HeaderBlock headers(String fields) throws IOException {
        byte[] bytes = (fields.replace("\\r\\n", "\r\n") + "\r\n\r\nbody\r\n").getBytes(StandardCharsets.UTF_8);
        return HeaderBlock.read(new ByteArrayInputStream(bytes), 1 << 20);
    }

    private static SpfOutcome spf(String domain, String result) {
        return new SpfOutcome(SpfCheck.verdictOf(result), result, domain, "bounce@" + domain, "mx." + domain,
                false, result + " (spfCheck: test)");
    }

    private static DkimOutcome dkim(String domain, String result) {
        if (domain.isEmpty()) {
            return new DkimOutcome(Verdict.GRAY, List.of());
        }
        List<DkimSignatureResult> signatures = List.of(new DkimSignatureResult(result, domain, "s", "@" + domain, null));
        return new DkimOutcome(DkimCheck.verdictOf(signatures), signatures);
    }

    /**
     * from, SPF domain + result, DKIM d= + result ("" = unsigned), expected verdict, A-R word,
     * dmarcPolicy ("" = none reported).
     */
    @ParameterizedTest(name = "[{index}] From {0}, spf {1} {2}, dkim {3} {4} -> {5} {6} {7}")
    @CsvSource({
            // SPF alignment, relaxed by default: same organizational domain is enough
            "reject-corp.com,      bounce.reject-corp.com, pass,      '',                 '',        PASS, pass, ''",
            "reject-corp.com,      reject-corp.com,        pass,      '',                 '',        PASS, pass, ''",
            "reject-corp.com,      other.net,              pass,      '',                 '',        FAIL, fail, reject",
            "reject-corp.com,      reject-corp.com,        softfail,  '',                 '',        FAIL, fail, reject",
            "reject-corp.com,      reject-corp.com,        fail,      '',                 '',        FAIL, fail, reject",
            // DKIM alignment
            "reject-corp.com,      other.net,              pass,      mail.reject-corp.com, pass,    PASS, pass, ''",
            "reject-corp.com,      other.net,              pass,      other.net,          pass,      FAIL, fail, reject",
            "reject-corp.com,      other.net,              none,      reject-corp.com,    fail,      FAIL, fail, reject",
            // policies
            "quarantine-corp.com,  other.net,              pass,      '',                 '',        FAIL, fail, quarantine",
            "monitor-corp.com,     other.net,              pass,      '',                 '',        GRAY, fail, none",
            "monitor-corp.com,     monitor-corp.com,       pass,      '',                 '',        PASS, pass, ''",
            // strict alignment
            "strict-corp.com,      bounce.strict-corp.com, pass,      '',                 '',        FAIL, fail, reject",
            "strict-corp.com,      strict-corp.com,        pass,      '',                 '',        PASS, pass, ''",
            "strict-corp.com,      other.net,              none,      mail.strict-corp.com, pass,    FAIL, fail, reject",
            "strict-corp.com,      other.net,              none,      STRICT-corp.com,    pass,      PASS, pass, ''",
            // organizational-domain fallback: sp= for subdomains, p= at the org domain itself
            "news.example.co.uk,   other.net,              pass,      '',                 '',        FAIL, fail, quarantine",
            "example.co.uk,        other.net,              pass,      '',                 '',        FAIL, fail, reject",
            "news.example.co.uk,   example.co.uk,          pass,      '',                 '',        PASS, pass, ''",
            "own.example.co.uk,    other.net,              pass,      '',                 '',        GRAY, fail, none",
            "a.b.example.test,     other.net,              pass,      '',                 '',        FAIL, fail, reject",
            // no usable record
            "norecord-corp.com,    other.net,              fail,      '',                 '',        GRAY, none, ''",
            "spf-only-corp.com,    other.net,              fail,      '',                 '',        GRAY, none, ''",
            "twice-corp.com,       other.net,              fail,      '',                 '',        GRAY, none, ''",
            "badp-corp.com,        other.net,              fail,      '',                 '',        GRAY, none, ''",
            "ruaonly-corp.com,     other.net,              fail,      '',                 '',        GRAY, fail, none",
            // DNS trouble
            "flaky-corp.com,       flaky-corp.com,         pass,      '',                 '',        PROCESSING_FAILED, temperror, ''",
            "sub.flaky-org.com,    other.net,              pass,      '',                 '',        PROCESSING_FAILED, temperror, ''",
            "reject-corp.com,      reject-corp.com,        temperror, '',                 '',        PROCESSING_FAILED, temperror, ''",
            "reject-corp.com,      other.net,              temperror, '',                 '',        FAIL, fail, reject",
            "reject-corp.com,      other.net,              none,      reject-corp.com,    temperror, PROCESSING_FAILED, temperror, ''",
            "reject-corp.com,      other.net,              none,      other.net,          temperror, FAIL, fail, reject",
    })
    void evaluates(String fromDomain, String spfDomain, String spfResult, String dkimDomain, String dkimResult,
                   Verdict verdict, String result, String policy) throws IOException {
        DmarcOutcome outcome = dmarc.check(headers("From: Alice <alice@" + fromDomain + ">"),
                spf(spfDomain, spfResult), dkim(dkimDomain, dkimResult));

        assertThat(outcome.verdict()).isEqualTo(verdict);
        assertThat(outcome.result()).isEqualTo(result);
        assertThat(outcome.policy()).isEqualTo(policy.isEmpty() ? null : policy);
        assertThat(outcome.fromDomain()).isEqualTo(fromDomain.toLowerCase());
    }

    @Test
    void subdomainWithItsOwnRecordDoesNotAskTheOrganizationalDomain() throws IOException {
        dmarc.check(headers("From: a@own.example.co.uk"), spf("other.net", "pass"), dkim("", ""));

        assertThat(dns.queries()).contains("_dmarc.own.example.co.uk./TXT");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', value = {
            "To: bob@inlet.example",
            "From: alice@reject-corp.com\\r\\nFrom: eve@other.net",
            "From: alice@reject-corp.com, eve@other.net",
            "From: undisclosed-recipients:;",
            "From: not an address",
    })
    void withoutOneFromDomainItIsProcessingFailed(String fields) throws IOException {
        DmarcOutcome outcome = dmarc.check(headers(fields), spf("reject-corp.com", "pass"), dkim("", ""));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PROCESSING_FAILED);
        assertThat(outcome.result()).isEqualTo("permerror");
        assertThat(outcome.policy()).isNull();
    }

    @Test
    void severalAuthorsOfOneDomainAreEvaluated() throws IOException {
        DmarcOutcome outcome = dmarc.check(headers("From: alice@reject-corp.com,\r\n Bob <bob@Reject-Corp.com>"),
                spf("other.net", "pass"), dkim("", ""));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.policy()).isEqualTo("reject");
    }

    @Test
    void encodedDisplayNameAndFoldedFromAreParsed() throws IOException {
        DmarcOutcome outcome = dmarc.check(headers("From: =?UTF-8?B?w4FsaWNl?=\r\n <alice@reject-corp.com>"),
                spf("reject-corp.com", "pass"), dkim("", ""));

        assertThat(outcome.verdict()).isEqualTo(Verdict.PASS);
        assertThat(outcome.fromDomain()).isEqualTo("reject-corp.com");
    }
}

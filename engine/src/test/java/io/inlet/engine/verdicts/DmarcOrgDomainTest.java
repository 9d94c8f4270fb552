package io.inlet.engine.verdicts;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcOrgDomainTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "example.com,                example.com",
            "mail.example.com,           example.com",
            "a.b.c.example.com,          example.com",
            "MAIL.Example.COM.,          example.com",
            "mail.example.co.uk,         example.co.uk",
            "co.uk,                      co.uk",
            "com,                        com",
            "mx.example.test,            example.test",
            "localhost,                  localhost",
            "foo.github.io,              foo.github.io",
    })
    void organizationalDomain(String domain, String organizational) {
        assertThat(OrgDomain.of(domain)).isEqualTo(organizational);
    }

    @ParameterizedTest(name = "{0} vs {1} strict={2} -> {3}")
    @CsvSource({
            "bounce.example.com, example.com,      false, true",
            "bounce.example.com, example.com,      true,  false",
            "Example.COM,        example.com,      true,  true",
            "example.com,        news.example.com, false, true",
            "example.co.uk,      other.co.uk,      false, false",
            "example.net,        example.com,      false, false",
    })
    void alignment(String authenticated, String from, boolean strict, boolean aligned) {
        assertThat(OrgDomain.aligned(authenticated, from, strict)).isEqualTo(aligned);
    }
}

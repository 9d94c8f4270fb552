package io.inlet.engine.verdicts;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DmarcRecordTest {

    @Test
    void parsesAllTags() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=Reject; sp=quarantine; adkim=s; aspf=r; pct=50; rua=mailto:x@y"))
                .contains(new DmarcRecord("reject", "quarantine", true, false, 50));
    }

    @Test
    void defaultsAreRelaxedAndHundredPercent() {
        assertThat(DmarcRecord.parse("v=DMARC1;p=none")).contains(new DmarcRecord("none", null, false, false, 100));
    }

    @Test
    void toleratesSpacesAndATrailingSemicolon() {
        assertThat(DmarcRecord.parse("  v = DMARC1 ;  p = quarantine ; ")).hasValueSatisfying(r ->
                assertThat(r.policy()).isEqualTo("quarantine"));
    }

    @Test
    void versionMustComeFirst() {
        assertThat(DmarcRecord.isDmarc("p=reject; v=DMARC1")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=DMARC10; p=reject")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=spf1 -all")).isFalse();
        assertThat(DmarcRecord.isDmarc("v=DMARC1")).isTrue();
    }

    @Test
    void invalidPolicyWithoutRuaIsNoRecordAndWithRuaIsNone() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=maybe")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1")).isEmpty();
        assertThat(DmarcRecord.parse("v=DMARC1; p=maybe; rua=mailto:x@y")).hasValueSatisfying(r ->
                assertThat(r.policy()).isEqualTo("none"));
    }

    @Test
    void invalidSubdomainPolicyFallsBackToPolicy() {
        DmarcRecord record = DmarcRecord.parse("v=DMARC1; p=reject; sp=sometimes").orElseThrow();

        assertThat(record.policyFor(true)).isEqualTo("reject");
        assertThat(record.policyFor(false)).isEqualTo("reject");
    }

    @Test
    void outOfRangePercentIsHundred() {
        assertThat(DmarcRecord.parse("v=DMARC1; p=reject; pct=250").orElseThrow().percent()).isEqualTo(100);
        assertThat(DmarcRecord.parse("v=DMARC1; p=reject; pct=x").orElseThrow().percent()).isEqualTo(100);
    }
}

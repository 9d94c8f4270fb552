package io.inlet.engine.verdicts;

/**
 * The DMARC result of one message.
 *
 * @param verdict    the SES verdict
 * @param result     RFC 8601 word: pass, fail, none (no record), temperror, permerror
 * @param fromDomain the RFC5322.From domain; null when it could not be determined
 * @param policy     when DMARC failed, the policy the domain asks for ({@code none}, {@code quarantine},
 *                   {@code reject}); null otherwise — this is the SES {@code receipt.dmarcPolicy}
 */
public record DmarcOutcome(Verdict verdict, String result, String fromDomain, String policy) {
}

package io.inlet.engine.verdicts;

/**
 * The outcome of one DKIM-Signature field.
 *
 * @param result   RFC 8601 word as jDKIM classifies it: pass, fail, temperror or permerror
 * @param domain   the signing domain (d=); null when the signature could not be parsed
 * @param selector the selector (s=); null when the signature could not be parsed
 * @param identity the AUID (i=, default {@code @<d>}); null when the signature could not be parsed
 * @param reason   why it did not pass, for logs and comments; null on pass
 */
public record DkimSignatureResult(String result, String domain, String selector, String identity, String reason) {

    public boolean passed() {
        return "pass".equals(result);
    }
}

package io.inlet.engine.verdicts;

import java.util.Objects;

/**
 * Configuration of the verdict checks.
 *
 * @param dns     resolvers for SPF, DKIM and DMARC
 * @param spamd   null = no spam scanner (spam verdict DISABLED)
 * @param clamd   null = no virus scanner (virus verdict DISABLED)
 * @param style   the {@code spf=} clause form of {@code Authentication-Results}
 */
public record VerdictSettings(DnsSettings dns, SpamdSettings spamd, ClamdSettings clamd, AuthResultsStyle style) {

    public VerdictSettings {
        Objects.requireNonNull(dns, "dns");
        Objects.requireNonNull(style, "style");
    }

    /** System DNS, no scanners, RFC 8601 header form. */
    public static VerdictSettings defaults() {
        return new VerdictSettings(DnsSettings.system(), null, null, AuthResultsStyle.RFC8601);
    }
}

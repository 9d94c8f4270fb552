package io.inlet.engine.verdicts;

/** How the {@code spf=} clause of {@code Authentication-Results} is written. */
public enum AuthResultsStyle {
    /**
     * RFC 8601 properties: {@code spf=pass (spfCheck: …) smtp.mailfrom=a@example.com}
     * ({@code smtp.helo=<helo>} for a null sender); no trailing semicolon.
     */
    RFC8601,
    /**
     * Byte-for-byte what SES writes (SES-RECEIVING.md §4.5): the {@code Received-SPF} text after
     * {@code spf=}, i.e. {@code spf=pass (spfCheck: …) client-ip=…; envelope-from=…; helo=…;},
     * and a trailing semicolon. Not parseable by strict RFC 8601 parsers.
     */
    SES
}

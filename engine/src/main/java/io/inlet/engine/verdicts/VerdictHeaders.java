package io.inlet.engine.verdicts;

import java.util.ArrayList;
import java.util.List;

/**
 * The header fields that report the verdicts, in the order they are prepended (SES-RECEIVING.md
 * §4.5): {@code X-SES-Spam-Verdict}, {@code X-SES-Virus-Verdict} (each only when that scan ran),
 * {@code Received-SPF}, {@code Authentication-Results}. Values are single lines (unfolded).
 */
final class VerdictHeaders {

    private VerdictHeaders() {
    }

    static List<Header> build(String authservId, AuthResultsStyle style, Verdict spam, Verdict virus,
                              SpfOutcome spf, DkimOutcome dkim, DmarcOutcome dmarc) {
        List<Header> headers = new ArrayList<>();
        if (spam != Verdict.DISABLED) {
            headers.add(new Header("X-SES-Spam-Verdict", spam.name()));
        }
        if (virus != Verdict.DISABLED) {
            headers.add(new Header("X-SES-Virus-Verdict", virus.name()));
        }
        headers.add(new Header("Received-SPF", clean(spf.headerText())));
        headers.add(new Header("Authentication-Results",
                clean(authenticationResults(authservId, style, spf, dkim, dmarc))));
        return headers;
    }

    /** HELO and MAIL FROM are the client's words: no control character may reach a header line. */
    static String clean(String value) {
        return value.replaceAll("[\\x00-\\x08\\x0a-\\x1f\\x7f]", " ");
    }

    static String authenticationResults(String authservId, AuthResultsStyle style, SpfOutcome spf,
                                        DkimOutcome dkim, DmarcOutcome dmarc) {
        List<String> clauses = new ArrayList<>();
        clauses.add(spfClause(style, spf));
        clauses.addAll(dkimClauses(dkim));
        clauses.add(dmarcClause(dmarc));
        String value = authservId + "; " + String.join("; ", clauses);
        return style == AuthResultsStyle.SES ? value + ";" : value;
    }

    private static String spfClause(AuthResultsStyle style, SpfOutcome spf) {
        String text = spf.headerText();
        if (style == AuthResultsStyle.SES) {
            // SES repeats its Received-SPF text; its trailing ';' is the clause separator here.
            String clause = "spf=" + text;
            return clause.endsWith(";") ? clause.substring(0, clause.length() - 1) : clause;
        }
        int close = text.indexOf(") ");
        String comment = text.startsWith(spf.result() + " (") && close > 0
                ? " " + text.substring(spf.result().length() + 1, close + 1) : "";
        // RFC 8601 §2.7.2: with a null MAIL FROM the HELO identity was checked.
        String identity = spf.nullSender()
                ? "smtp.helo=" + spf.helo()
                : "smtp.mailfrom=" + spf.mailFrom();
        return "spf=" + spf.result() + comment + " " + identity;
    }

    private static List<String> dkimClauses(DkimOutcome dkim) {
        List<String> clauses = new ArrayList<>();
        if (dkim.signatures().isEmpty()) {
            clauses.add(dkim.verdict() == Verdict.GRAY ? "dkim=none" : "dkim=temperror");
            return clauses;
        }
        for (DkimSignatureResult signature : dkim.signatures()) {
            if (signature.domain() == null) {
                clauses.add("dkim=" + signature.result());
            } else {
                clauses.add("dkim=" + signature.result() + " header.i=" + signature.identity()
                        + " header.s=" + signature.selector());
            }
        }
        return clauses;
    }

    private static String dmarcClause(DmarcOutcome dmarc) {
        return dmarc.fromDomain() == null
                ? "dmarc=" + dmarc.result()
                : "dmarc=" + dmarc.result() + " header.from=" + dmarc.fromDomain();
    }
}

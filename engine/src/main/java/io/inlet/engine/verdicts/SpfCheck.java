package io.inlet.engine.verdicts;

import io.inlet.engine.message.Envelope;
import org.apache.james.jspf.executor.SPFResult;
import org.apache.james.jspf.impl.DNSServiceXBillImpl;
import org.apache.james.jspf.impl.SPF;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Resolver;

import java.util.Locale;

/**
 * SPF (RFC 7208) with jSPF. jSPF's {@code Received-SPF} text is already the form SES writes
 * ({@code spfCheck: domain of … designates …}), so it is used as is.
 *
 * <p>Mapping to SES verdicts: pass → PASS; fail → FAIL; softfail, neutral, none → GRAY (the
 * domain asserts nothing conclusive about this client; RFC 7208 §8.5 says softfail must not be
 * treated like fail, and SES consumers commonly bounce on FAIL); temperror, permerror →
 * PROCESSING_FAILED.
 */
public final class SpfCheck {

    private static final Logger LOG = LoggerFactory.getLogger(SpfCheck.class);

    private final SPF spf;

    public SpfCheck(Resolver resolver) {
        this.spf = new SPF(new DNSServiceXBillImpl(resolver));
    }

    /** Never throws: an unexpected failure is a temperror. */
    public SpfOutcome check(Envelope envelope) {
        String helo = envelope.helo() == null ? "" : envelope.helo().trim();
        String mailFrom = envelope.mailFrom() == null ? "" : envelope.mailFrom().trim();
        String ip = clientIp(envelope.clientAddress());
        // RFC 7208 §2.4: the null sender is checked as postmaster@<HELO> (jSPF does the same).
        String identity = mailFrom.isEmpty() ? "postmaster@" + helo : mailFrom;
        String domain = domainOf(identity);
        try {
            SPFResult result = spf.checkSPF(ip, mailFrom, helo);
            String word = result.getResult() == null ? "temperror" : result.getResult().toLowerCase(Locale.ROOT);
            String header = result.getHeaderText();
            if (header == null || header.isEmpty()) {
                header = fallbackHeader(word, ip, identity, helo);
            }
            return new SpfOutcome(verdictOf(word), word, domain, identity, helo, mailFrom.isEmpty(), header);
        } catch (RuntimeException e) {
            LOG.warn("SPF check failed unexpectedly for {} from {}", identity, ip, e);
            return new SpfOutcome(Verdict.PROCESSING_FAILED, "temperror", domain, identity, helo,
                    mailFrom.isEmpty(), fallbackHeader("temperror", ip, identity, helo));
        }
    }

    static Verdict verdictOf(String result) {
        switch (result) {
            case "pass":
                return Verdict.PASS;
            case "fail":
                return Verdict.FAIL;
            case "softfail":
            case "neutral":
            case "none":
                return Verdict.GRAY;
            default:
                return Verdict.PROCESSING_FAILED;
        }
    }

    /** The text form SMTP layers give: {@code 192.0.2.1}, {@code [192.0.2.1]}, {@code IPv6:2001:db8::1}. */
    static String clientIp(String clientAddress) {
        String ip = clientAddress == null ? "" : clientAddress.trim();
        if (ip.startsWith("[") && ip.endsWith("]")) {
            ip = ip.substring(1, ip.length() - 1);
        }
        if (ip.regionMatches(true, 0, "IPv6:", 0, 5)) {
            ip = ip.substring(5);
        }
        return ip;
    }

    static String domainOf(String address) {
        int at = address.lastIndexOf('@');
        return (at < 0 ? address : address.substring(at + 1)).toLowerCase(Locale.ROOT);
    }

    private static String fallbackHeader(String word, String ip, String identity, String helo) {
        String comment = "temperror".equals(word)
                ? "spfCheck: Error in retrieving data from DNS"
                : "spfCheck: Error in processing SPF Record";
        return word + " (" + comment + ") client-ip=" + ip + "; envelope-from=" + identity + "; helo=" + helo + ";";
    }
}

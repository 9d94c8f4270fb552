package io.inlet.engine.verdicts;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of a DMARC record (RFC 7489 §6.3) that decide a verdict.
 *
 * @param policy           {@code none}, {@code quarantine} or {@code reject}
 * @param subdomainPolicy  the {@code sp=} policy; null when absent or invalid (then {@code p} applies)
 * @param strictDkim       {@code adkim=s}
 * @param strictSpf        {@code aspf=s}
 * @param percent          {@code pct=} (0–100, default 100); parsed for completeness, not applied
 */
public record DmarcRecord(String policy, String subdomainPolicy, boolean strictDkim, boolean strictSpf,
                          int percent) {

    private static final Pattern VERSION = Pattern.compile("^v\\s*=\\s*DMARC1\\s*(;.*)?$",
            Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    /** Whether a TXT string is a DMARC record at all (starts with {@code v=DMARC1}). */
    static boolean isDmarc(String txt) {
        return VERSION.matcher(txt.trim()).matches();
    }

    /**
     * @return empty when the text is not a usable DMARC record: not {@code v=DMARC1}, or without a
     *         valid {@code p=} and without {@code rua=} (RFC 7489 §6.6.3 step 6: with {@code rua=}
     *         an invalid or missing {@code p=} counts as {@code p=none})
     */
    static Optional<DmarcRecord> parse(String txt) {
        if (!isDmarc(txt)) {
            return Optional.empty();
        }
        Map<String, String> tags = new HashMap<>();
        for (String part : txt.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                tags.putIfAbsent(part.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                        part.substring(eq + 1).trim());
            }
        }
        String policy = policy(tags.get("p"));
        if (policy == null) {
            if (!tags.containsKey("rua")) {
                return Optional.empty();
            }
            policy = "none";
        }
        return Optional.of(new DmarcRecord(policy, policy(tags.get("sp")),
                "s".equalsIgnoreCase(tags.get("adkim")), "s".equalsIgnoreCase(tags.get("aspf")),
                percent(tags.get("pct"))));
    }

    /** The policy for a From domain: {@code sp=} when the record was found at its organizational domain. */
    String policyFor(boolean subdomain) {
        return subdomain && subdomainPolicy != null ? subdomainPolicy : policy;
    }

    private static String policy(String value) {
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        return lower.equals("none") || lower.equals("quarantine") || lower.equals("reject") ? lower : null;
    }

    private static int percent(String value) {
        try {
            int pct = value == null ? 100 : Integer.parseInt(value);
            return pct < 0 || pct > 100 ? 100 : pct;
        } catch (NumberFormatException e) {
            return 100;
        }
    }
}

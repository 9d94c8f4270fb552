package io.inlet.engine.verdicts;

import com.google.common.net.InternetDomainName;

import java.util.List;
import java.util.Locale;

/**
 * The organizational domain of RFC 7489 §3.2 from Guava's bundled Public Suffix List, and the
 * alignment tests built on it.
 */
final class OrgDomain {

    private OrgDomain() {
    }

    /**
     * {@code mail.example.co.uk} → {@code example.co.uk}. A name under no listed suffix follows the
     * PSL default rule {@code *} (its last label is the suffix): {@code mx.example.test} →
     * {@code example.test}. A public suffix itself, a single label or an unparseable name is its
     * own organizational domain.
     */
    static String of(String domain) {
        String name = normalize(domain);
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            if (parsed.isUnderPublicSuffix()) {
                return parsed.topPrivateDomain().toString();
            }
            if (parsed.isPublicSuffix()) {
                return name;
            }
            List<String> parts = parsed.parts();
            return parts.size() <= 2 ? name : String.join(".", parts.subList(parts.size() - 2, parts.size()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return name;
        }
    }

    /** DMARC identifier alignment: strict = same name, relaxed = same organizational domain. */
    static boolean aligned(String authenticated, String fromDomain, boolean strict) {
        if (authenticated == null || authenticated.isEmpty() || fromDomain == null) {
            return false;
        }
        String a = normalize(authenticated);
        String b = normalize(fromDomain);
        return strict ? a.equals(b) : of(a).equals(of(b));
    }

    static String normalize(String domain) {
        String name = domain.trim().toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}

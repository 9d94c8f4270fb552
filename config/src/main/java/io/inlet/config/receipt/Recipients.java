package io.inlet.config.receipt;

import java.util.List;
import java.util.TreeSet;

/**
 * A rule's recipient conditions: an address ({@code user@example.com}), a domain
 * ({@code example.com}) or every subdomain of one ({@code .example.com}). SES returns them sorted
 * (probed), so they are stored sorted, as sent otherwise (case kept: matching is case-insensitive
 * anyway), with exact duplicates dropped. The syntax check is deliberately plain ASCII: SES wants
 * IDNs as punycode.
 */
final class Recipients {
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final String LOCAL_SPECIALS = "@<>()[]\\,;:\"";

    private Recipients() {
    }

    /** Checks every condition, then returns them sorted and without duplicates. */
    static List<String> normalise(List<String> recipients) {
        if (recipients == null) {
            return List.of();
        }
        for (String r : recipients) {
            if (!plausible(r)) {
                throw ReceiptErrors.invalidRecipient(r);
            }
        }
        return List.copyOf(new TreeSet<>(recipients));
    }

    static boolean plausible(String r) {
        if (r.startsWith(".")) {
            return domain(r.substring(1));
        }
        int at = r.lastIndexOf('@');
        if (at < 0) {
            return domain(r);
        }
        return localPart(r.substring(0, at)) && domain(r.substring(at + 1));
    }

    private static boolean localPart(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c >= 0x7f || LOCAL_SPECIALS.indexOf(c) >= 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean domain(String domain) {
        if (domain.isEmpty() || domain.length() > MAX_DOMAIN) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (!label(label)) {
                return false;
            }
        }
        return true;
    }

    private static boolean label(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}

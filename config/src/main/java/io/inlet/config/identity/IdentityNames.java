package io.inlet.config.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * Syntax and normal form of identities. Domains are case-insensitive and stored lower-cased
 * (moto M-ID-06). An address keeps its local part as sent (SES treats local parts as
 * case-sensitive) and gets its domain lower-cased. Only ASCII is accepted: SES wants
 * internationalized domains in punycode and has no SMTPUTF8 addresses.
 */
final class IdentityNames {
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_LABEL = 63;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_ADDRESS = 254;
    private static final String ATEXT_SPECIALS = "!#$%&'*+-/=?^_`{|}~";

    private IdentityNames() {
    }

    /** The normal form of a host name with at least two labels, or empty when it is not one. */
    static Optional<String> domain(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_DOMAIN) {
            return Optional.empty();
        }
        String domain = raw.toLowerCase(Locale.ROOT);
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return Optional.empty();
        }
        for (String label : labels) {
            if (!isLabel(label)) {
                return Optional.empty();
            }
        }
        // A numeric last label means an IP address (1.2.3.4), not a domain.
        if (labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        return Optional.of(domain);
    }

    /** The normal form of {@code local@domain} (dot-atom local part), or empty when it is not one. */
    static Optional<String> emailAddress(String raw) {
        if (raw == null || raw.length() > MAX_ADDRESS) {
            return Optional.empty();
        }
        int at = raw.lastIndexOf('@');
        if (at <= 0) {
            return Optional.empty();
        }
        String local = raw.substring(0, at);
        if (!isDotAtom(local)) {
            return Optional.empty();
        }
        return domain(raw.substring(at + 1)).map(d -> local + "@" + d);
    }

    /** Either syntax; empty when {@code raw} is neither a valid address nor a valid domain. */
    static Optional<String> identity(String raw) {
        return isEmailAddress(raw) ? emailAddress(raw) : domain(raw);
    }

    /** The normal form without judging syntax: for lookups and deletes, where a bad name simply matches nothing. */
    static String normalize(String identity) {
        int at = identity.lastIndexOf('@');
        if (at < 0) {
            return identity.toLowerCase(Locale.ROOT);
        }
        return identity.substring(0, at + 1) + identity.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    static boolean isEmailAddress(String identity) {
        return identity != null && identity.indexOf('@') >= 0;
    }

    /** The domain part of an address, or the identity itself when it is a domain. */
    static String domainOf(String identity) {
        int at = identity.lastIndexOf('@');
        return at < 0 ? identity : identity.substring(at + 1);
    }

    private static boolean isLabel(String label) {
        if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
            return false;
        }
        for (int i = 0; i < label.length(); i++) {
            char c = label.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDotAtom(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            if (!alnum && c != '.' && ATEXT_SPECIALS.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}

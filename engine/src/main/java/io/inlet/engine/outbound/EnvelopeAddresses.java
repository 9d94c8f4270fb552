package io.inlet.engine.outbound;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A plausibility check of envelope addresses before they enter the queue: {@code local@domain}
 * with a dot-atom or quoted local part and a host name or address literal domain. UTF-8 is
 * allowed (RFC 6531); nothing that could break an SMTP command line (spaces outside quotes,
 * brackets, controls) is.
 */
final class EnvelopeAddresses {

    private static final String ATOM = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~\\-\\u0080-\\uFFFF]+";
    private static final Pattern LOCAL = Pattern.compile(ATOM + "(\\." + ATOM + ")*|\"([^\"\\\\\\p{Cntrl}]|\\\\[ -~])*\"");
    private static final String LABEL = "[A-Za-z0-9\\u0080-\\uFFFF]([A-Za-z0-9\\u0080-\\uFFFF-]*[A-Za-z0-9\\u0080-\\uFFFF])?";
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*\\.?|\\[[A-Za-z0-9:.]+\\]");
    /** RFC 5321 §4.5.3.1: a path is at most 256 octets with its brackets. */
    private static final int MAX_LENGTH = 254;

    private EnvelopeAddresses() {
    }

    /** @throws IllegalArgumentException saying what is wrong with {@code address} */
    static void checkRecipient(String address) {
        String problem = problem(address);
        if (problem != null) {
            throw new IllegalArgumentException("bad recipient address " + quoted(address) + ": " + problem);
        }
    }

    /** The empty sender is the null sender and fine. */
    static void checkSender(String address) {
        if (address == null) {
            throw new IllegalArgumentException("mailFrom must not be null (use \"\" for the null sender)");
        }
        String problem = address.isEmpty() ? null : problem(address);
        if (problem != null) {
            throw new IllegalArgumentException("bad sender address " + quoted(address) + ": " + problem);
        }
    }

    /** The domain part, lower case. */
    static String domain(String address) {
        return address.substring(address.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    private static String problem(String address) {
        if (address == null || address.isEmpty()) {
            return "empty";
        }
        if (address.length() > MAX_LENGTH) {
            return "longer than " + MAX_LENGTH + " characters";
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return "not local@domain";
        }
        if (!LOCAL.matcher(address.substring(0, at)).matches()) {
            return "invalid local part";
        }
        if (!DOMAIN.matcher(address.substring(at + 1)).matches()) {
            return "invalid domain";
        }
        return null;
    }

    private static String quoted(String address) {
        if (address == null) {
            return "null";
        }
        String shown = address.length() > 80 ? address.substring(0, 80) + "…" : address;
        return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}

package io.inlet.actions.validation;

import java.util.regex.Pattern;

/**
 * A bare mailbox {@code local@domain} (no display name, no angle brackets) as SMTP's MAIL FROM
 * needs it: dot-atom or quoted-string local part (at most 64), a DNS host name domain, at most
 * 254 characters in all (RFC 5321 §4.5.3.1). ASCII only; internationalised addresses are refused.
 */
public final class EmailAddresses {

    private static final String ATEXT = "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]";
    private static final String DOT_ATOM = ATEXT + "+(?:\\." + ATEXT + "+)*";
    private static final String QUOTED = "\"(?:[\\x20\\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\x20-\\x7e])*\"";
    private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
    private static final Pattern LOCAL = Pattern.compile(DOT_ATOM + "|" + QUOTED);
    private static final Pattern DOMAIN = Pattern.compile(LABEL + "(?:\\." + LABEL + ")*");
    private static final int MAX_LOCAL = 64;
    private static final int MAX_DOMAIN = 253;
    private static final int MAX_ADDRESS = 254;

    private EmailAddresses() {
    }

    public static boolean isValid(String address) {
        if (address == null || address.length() > MAX_ADDRESS) {
            return false;
        }
        int at = address.lastIndexOf('@');
        if (at <= 0) {
            return false;
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        return local.length() <= MAX_LOCAL && domain.length() <= MAX_DOMAIN
                && LOCAL.matcher(local).matches() && DOMAIN.matcher(domain).matches();
    }
}

package io.inlet.engine.smtp;

import org.subethamail.smtp.RejectException;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the arguments of {@code MAIL FROM} and {@code RCPT TO} (RFC 5321 §4.1.2): the path in
 * angle brackets (quoted local parts and source routes allowed), then ESMTP parameters. Replaces
 * SubEtha's parsing, which reads {@code SIZE=} as "the rest of the line" (so {@code SIZE=1 BODY=8BITMIME}
 * is silently ignored) and throws on numbers beyond an int (a 421 and a dropped connection).
 *
 * <p>MAIL parameters: {@code SIZE} (RFC 1870), {@code BODY=7BIT|8BITMIME} (RFC 6152) and
 * {@code SMTPUTF8} (RFC 6531), the ones EHLO advertises. RCPT takes none. Anything else gets
 * {@code 555 5.5.4} as RFC 5321 §4.1.1.11 asks. Syntax errors come before the size check.
 */
final class EnvelopeSyntax {

    /** A MAIL FROM command: the reverse-path ("" for the null sender) and the declared size (0 = none). */
    record MailFrom(String address, long declaredSize) {
    }

    private static final Pattern MAIL = Pattern.compile("MAIL\\s+FROM:\\s*(.*)", Pattern.CASE_INSENSITIVE);
    private static final Pattern RCPT = Pattern.compile("RCPT\\s+TO:\\s*(.*)", Pattern.CASE_INSENSITIVE);
    /** esmtp-keyword ["=" esmtp-value]; the value excludes "=", SP and controls (UTF-8 allowed, RFC 6531). */
    private static final Pattern PARAMETER =
            Pattern.compile("([A-Za-z0-9][A-Za-z0-9-]*)(?:=([^=\\s\\p{Cntrl}]+))?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,20}");
    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets with its brackets. */
    private static final int MAX_ADDRESS = 254;

    private EnvelopeSyntax() {
    }

    static MailFrom mail(String line, long maxMessageSize) throws RejectException {
        Matcher command = MAIL.matcher(line.trim());
        if (!command.matches() || command.group(1).isEmpty()) {
            throw SmtpReply.syntax("MAIL FROM:<address>").reject();
        }
        Path path = path(command.group(1), SmtpReply.syntax("MAIL FROM:<address>"));
        if (!path.address().isEmpty() && !isMailbox(path.address())) {
            throw SmtpReply.BAD_SENDER.reject();
        }
        long size = 0;
        Set<String> seen = new HashSet<>();
        for (String token : parameters(path.rest())) {
            Matcher parameter = PARAMETER.matcher(token);
            if (!parameter.matches()) {
                throw SmtpReply.PARAMETER_SYNTAX.reject();
            }
            String keyword = parameter.group(1).toUpperCase(Locale.ROOT);
            String value = parameter.group(2);
            if (!seen.add(keyword)) {
                throw SmtpReply.PARAMETER_SYNTAX.reject();
            }
            switch (keyword) {
                case "SIZE" -> size = size(value);
                case "BODY" -> {
                    if (value == null || !(value.equalsIgnoreCase("7BIT") || value.equalsIgnoreCase("8BITMIME"))) {
                        throw SmtpReply.PARAMETER_SYNTAX.reject();
                    }
                }
                case "SMTPUTF8" -> {
                    if (value != null) {
                        throw SmtpReply.PARAMETER_SYNTAX.reject();
                    }
                }
                default -> throw SmtpReply.unsupportedParameter(keyword).reject();
            }
        }
        if (size > maxMessageSize) {
            throw SmtpReply.SIZE_EXCEEDED.reject();
        }
        return new MailFrom(path.address(), size);
    }

    static String rcpt(String line) throws RejectException {
        Matcher command = RCPT.matcher(line.trim());
        if (!command.matches() || command.group(1).isEmpty()) {
            throw SmtpReply.syntax("RCPT TO:<address>").reject();
        }
        Path path = path(command.group(1), SmtpReply.syntax("RCPT TO:<address>"));
        // RFC 5321 §4.5.1: <Postmaster> without a domain must be accepted as a recipient
        if (!isMailbox(path.address()) && !path.address().equalsIgnoreCase("postmaster")) {
            throw SmtpReply.BAD_RECIPIENT.reject();
        }
        for (String token : parameters(path.rest())) {
            Matcher parameter = PARAMETER.matcher(token);
            if (!parameter.matches()) {
                throw SmtpReply.PARAMETER_SYNTAX.reject();
            }
            throw SmtpReply.unsupportedParameter(parameter.group(1).toUpperCase(Locale.ROOT)).reject();
        }
        return path.address();
    }

    private record Path(String address, String rest) {
    }

    /**
     * {@code <[@route,...:]mailbox> rest}; without brackets the first word is taken (broken
     * clients send {@code MAIL FROM:user@host}; Postfix accepts that too unless told to be strict).
     */
    private static Path path(String argument, SmtpReply syntax) throws RejectException {
        String inner;
        String rest;
        if (argument.startsWith("<")) {
            int end = closingBracket(argument);
            if (end < 0) {
                throw syntax.reject();
            }
            inner = argument.substring(1, end);
            rest = argument.substring(end + 1);
            if (!rest.isEmpty() && !Character.isWhitespace(rest.charAt(0))) {
                throw syntax.reject();
            }
        } else {
            String[] words = argument.split("\\s+", 2);
            inner = words[0];
            rest = words.length > 1 ? words[1] : "";
        }
        if (inner.startsWith("@")) {
            // an obsolete source route: RFC 5321 §4.1.1.3 says accept and ignore it
            int colon = inner.indexOf(':');
            if (colon < 0) {
                throw syntax.reject();
            }
            inner = inner.substring(colon + 1);
        }
        return new Path(inner, rest);
    }

    /** Index of the '>' that closes the path, skipping quoted strings; -1 if none. */
    private static int closingBracket(String argument) {
        boolean quoted = false;
        for (int i = 1; i < argument.length(); i++) {
            char c = argument.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** local@domain, each non-empty, no controls, a domain without blanks. Deliberately lenient beyond that. */
    private static boolean isMailbox(String address) {
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1 || address.length() > MAX_ADDRESS) {
            return false;
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c < 0x20 || c == 0x7f || (i > at && Character.isWhitespace(c))) {
                return false;
            }
        }
        return true;
    }

    private static String[] parameters(String rest) {
        String trimmed = rest.trim();
        return trimmed.isEmpty() ? new String[0] : trimmed.split("\\s+");
    }

    /** RFC 1870 size-value: 1*20DIGIT. Beyond a long it is simply "too big", not a syntax error. */
    private static long size(String value) throws RejectException {
        if (value == null || !DIGITS.matcher(value).matches()) {
            throw SmtpReply.PARAMETER_SYNTAX.reject();
        }
        BigInteger size = new BigInteger(value);
        return size.bitLength() < Long.SIZE ? size.longValueExact() : Long.MAX_VALUE;
    }
}

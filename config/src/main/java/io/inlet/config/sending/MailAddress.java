package io.inlet.config.sending;

import io.inlet.config.api.SesException;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.field.address.DefaultAddressParser;
import org.apache.james.mime4j.field.address.ParseException;

import java.util.Locale;

/**
 * One address of a send request as given ({@code "John Smith <john@example.com>"} or a bare
 * address) and its addr-spec, the part the envelope and the identity checks use.
 *
 * @param asGiven  the text of the request, quoted back in error messages
 * @param address  {@code local@domain}, domain lower-cased
 * @param mailbox  the parsed mailbox (display name kept) for headers SendEmail writes
 */
record MailAddress(String asGiven, String address, Mailbox mailbox) {

    /**
     * Parses one address. The reference allows only 7-bit ASCII (display names in RFC 2047
     * encoded words); moto's "Missing domain" for an address without {@code @domain}; anything
     * else unparseable is "Illegal address". Both are InvalidParameterValue.
     */
    static MailAddress parse(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7e || (text.charAt(i) < 0x20 && text.charAt(i) != '\t')) {
                throw illegal();
            }
        }
        if (text.indexOf('@') < 0) {
            throw SesException.invalidParameter("Missing domain");
        }
        Mailbox mailbox;
        try {
            mailbox = DefaultAddressParser.DEFAULT.parseMailbox(text.trim());
        } catch (ParseException | RuntimeException e) {
            throw illegal();
        }
        if (mailbox.getDomain() == null || mailbox.getDomain().isEmpty()) {
            throw SesException.invalidParameter("Missing domain");
        }
        String address = mailbox.getLocalPart() + "@" + mailbox.getDomain().toLowerCase(Locale.ROOT);
        return new MailAddress(text, address, mailbox);
    }

    static SesException illegal() {
        return SesException.invalidParameter("Illegal address");
    }
}

package io.inlet.engine.verdicts;

import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.field.address.LenientAddressParser;

import java.net.IDN;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The RFC5322.From domain DMARC evaluates (RFC 7489 §6.6.1), parsed with Mime4j.
 *
 * <p>Exactly one From field is required. Several addresses are accepted only when they share one
 * domain; no From, an unparseable one, or several domains cannot be evaluated (the caller reports
 * PROCESSING_FAILED / permerror rather than guessing which author counts).
 */
final class FromDomain {

    /** @param domain lower case, ASCII (IDNs as A-labels); null when {@code problem} says why not */
    record Result(String domain, String problem) {
    }

    private FromDomain() {
    }

    static Result of(HeaderBlock headers) {
        List<HeaderBlock.Field> from = headers.fields("from");
        if (from.isEmpty()) {
            return new Result(null, "no From header");
        }
        if (from.size() > 1) {
            return new Result(null, "several From headers");
        }
        MailboxList mailboxes;
        try {
            mailboxes = LenientAddressParser.DEFAULT.parseAddressList(from.get(0).value()).flatten();
        } catch (RuntimeException e) {
            return new Result(null, "unparseable From header");
        }
        Set<String> domains = new LinkedHashSet<>();
        for (Mailbox mailbox : mailboxes) {
            String domain = mailbox.getDomain();
            if (domain != null && !domain.isBlank()) {
                domains.add(OrgDomain.normalize(ascii(domain)));
            }
        }
        if (domains.isEmpty()) {
            return new Result(null, "no address with a domain in From");
        }
        if (domains.size() > 1) {
            return new Result(null, "From names several domains");
        }
        return new Result(domains.iterator().next(), null);
    }

    private static String ascii(String domain) {
        try {
            return IDN.toASCII(domain.trim(), IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return domain.trim();
        }
    }
}

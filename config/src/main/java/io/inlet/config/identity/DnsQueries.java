package io.inlet.config.identity;

import io.inlet.config.identity.DomainVerificationChecker.Outcome;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * The DNS lookups of Easy DKIM (selector TXT records) and custom MAIL FROM (MX records), straight
 * to the configured resolver like {@link DnsDomainVerificationChecker}: no cache, so a record
 * just published is seen on the next check. CNAMEs are followed, so an operator may publish a
 * selector as a CNAME into a zone of their own (SES's own form, with their zone for
 * {@code dkim.amazonses.com}) as well as a TXT record in place.
 */
public final class DnsQueries {
    /** Enough for any sane chain; a loop ends here as "not found". */
    private static final int MAX_CNAME_HOPS = 8;

    private final Resolver resolver;

    public DnsQueries(Resolver resolver) {
        this.resolver = resolver;
    }

    /** Asking {@code servers} ({@code host}, {@code host:port}, {@code [v6]:port}); empty = the system's. */
    public static DnsQueries create(List<String> servers, Duration timeout) {
        return new DnsQueries(DnsDomainVerificationChecker.resolver(servers, timeout));
    }

    /** Whether a TXT record at {@code name} (its strings joined, as RFC 6376 §3.6.2.2 reads them) matches. */
    public Outcome txt(String name, Predicate<String> matches) {
        return find(name, Type.TXT, r -> r instanceof TXTRecord txt && matches.test(joined(txt)));
    }

    /** Whether {@code domain} has at least one MX record. */
    public Outcome mx(String domain) {
        return find(domain, Type.MX, r -> r instanceof MXRecord);
    }

    private Outcome find(String start, int type, Predicate<Record> wanted) {
        Name name;
        try {
            name = Name.fromString(start, Name.root);
        } catch (TextParseException e) {
            return Outcome.NOT_FOUND; // not a valid DNS name, so no record can exist there
        }
        for (int hop = 0; hop <= MAX_CNAME_HOPS; hop++) {
            Message response;
            try {
                response = resolver.send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
            } catch (IOException e) {
                return Outcome.UNAVAILABLE;
            }
            int rcode = response.getRcode();
            if (rcode == Rcode.NXDOMAIN) {
                return Outcome.NOT_FOUND;
            }
            if (rcode != Rcode.NOERROR) {
                return Outcome.UNAVAILABLE;
            }
            List<Record> answer = response.getSection(Section.ANSWER);
            if (answer.stream().anyMatch(wanted)) {
                return Outcome.FOUND;
            }
            // A recursive resolver returns the chain and the target's records together (handled
            // above); an authoritative server returns only the CNAME: ask again for its target.
            Name next = null;
            for (Record r : answer) {
                if (r instanceof CNAMERecord cname && r.getName().equals(name)) {
                    next = cname.getTarget();
                }
            }
            if (next == null) {
                return Outcome.NOT_FOUND;
            }
            name = next;
        }
        return Outcome.NOT_FOUND;
    }

    private static String joined(TXTRecord txt) {
        StringBuilder value = new StringBuilder();
        for (byte[] piece : txt.getStringsAsByteArrays()) {
            value.append(new String(piece, StandardCharsets.US_ASCII));
        }
        return value.toString();
    }
}

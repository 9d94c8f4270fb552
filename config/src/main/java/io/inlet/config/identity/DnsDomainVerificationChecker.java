package io.inlet.config.identity;

import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SES domain verification over DNS (SES-RECEIVING.md §7.1): a TXT record at
 * {@code _amazonses.<domain>} or, for DNS hosts that refuse underscores, at {@code <domain>}
 * itself, whose value is the token or {@code amazonses:<token>}. The legacy name
 * {@code amazonses.<domain>} is not looked up: SES honours it only for domains verified long ago.
 * Queries go straight to the injected resolver (no dnsjava cache, no search path), so a record
 * that was just added is seen on the next check.
 */
public final class DnsDomainVerificationChecker implements DomainVerificationChecker {
    private static final String PREFIX = "amazonses:";

    private final Resolver resolver;

    public DnsDomainVerificationChecker(Resolver resolver) {
        this.resolver = resolver;
    }

    /** A checker asking {@code servers} ({@code host}, {@code host:port}, {@code [v6]:port}); empty = system resolvers. */
    public static DnsDomainVerificationChecker create(List<String> servers, Duration timeout) {
        return new DnsDomainVerificationChecker(resolver(servers, timeout));
    }

    /** A resolver asking {@code servers} (empty = the system's), shared with {@link DnsQueries}. */
    static Resolver resolver(List<String> servers, Duration timeout) {
        Resolver resolver;
        if (servers.size() == 1) {
            resolver = new SimpleResolver(address(servers.get(0)));
        } else if (servers.isEmpty()) {
            resolver = new ExtendedResolver();
        } else {
            List<Resolver> each = new ArrayList<>();
            for (String server : servers) {
                each.add(new SimpleResolver(address(server)));
            }
            resolver = new ExtendedResolver(each);
        }
        resolver.setTimeout(timeout);
        return resolver;
    }

    @Override
    public Outcome check(String domain, String token) {
        Outcome underscored = lookup("_amazonses." + domain, token);
        if (underscored == Outcome.FOUND) {
            return Outcome.FOUND;
        }
        Outcome bare = lookup(domain, token);
        if (bare == Outcome.FOUND) {
            return Outcome.FOUND;
        }
        // Only a clean "not there" at both names is NOT_FOUND; any failure means "don't know".
        return underscored == Outcome.UNAVAILABLE || bare == Outcome.UNAVAILABLE ? Outcome.UNAVAILABLE : Outcome.NOT_FOUND;
    }

    private Outcome lookup(String name, String token) {
        Message response;
        try {
            Record question = Record.newRecord(Name.fromString(name, Name.root), Type.TXT, DClass.IN);
            response = resolver.send(Message.newQuery(question));
        } catch (TextParseException e) {
            return Outcome.NOT_FOUND; // not a valid DNS name, so no record can exist there
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
        for (Record record : response.getSection(Section.ANSWER)) {
            if (record instanceof TXTRecord txt && matches(txt, token)) {
                return Outcome.FOUND;
            }
        }
        return Outcome.NOT_FOUND;
    }

    /** A TXT record's character-strings form one value (long values are split into 255-byte pieces). */
    private static boolean matches(TXTRecord txt, String token) {
        StringBuilder value = new StringBuilder();
        for (Object piece : txt.getStringsAsByteArrays()) {
            value.append(new String((byte[]) piece, StandardCharsets.US_ASCII));
        }
        String v = value.toString().trim();
        return v.equals(token) || v.equals(PREFIX + token);
    }

    private static InetSocketAddress address(String server) {
        String host = server.trim();
        int port = 53;
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("bad DNS server: " + server);
            }
            if (close + 1 < host.length()) {
                port = Integer.parseInt(host.substring(close + 2));
            }
            host = host.substring(1, close);
        } else if (host.indexOf(':') >= 0 && host.indexOf(':') == host.lastIndexOf(':')) {
            port = Integer.parseInt(host.substring(host.indexOf(':') + 1));
            host = host.substring(0, host.indexOf(':'));
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("bad DNS server: " + server, e);
        }
    }
}

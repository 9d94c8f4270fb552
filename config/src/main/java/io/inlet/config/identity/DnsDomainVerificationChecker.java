package io.inlet.config.identity;

import org.xbill.DNS.ExtendedResolver;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.SimpleResolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * SES domain verification over DNS (SES-RECEIVING.md §7.1): a TXT record at
 * {@code _amazonses.<domain>} or, for DNS hosts that refuse underscores, at {@code <domain>}
 * itself, whose value is the token or {@code amazonses:<token>}. The legacy name
 * {@code amazonses.<domain>} is not looked up: SES honours it only for domains verified long ago.
 * Queries go straight to the injected resolver through {@link DnsQueries} (no dnsjava cache, no
 * search path, CNAMEs followed), so a record that was just added is seen on the next check.
 */
public final class DnsDomainVerificationChecker implements DomainVerificationChecker {
    private static final String PREFIX = "amazonses:";

    private final DnsQueries dns;

    public DnsDomainVerificationChecker(Resolver resolver) {
        this.dns = new DnsQueries(resolver);
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
        return dns.txt(name, value -> value.trim().equals(token) || value.trim().equals(PREFIX + token));
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

package io.inlet.engine.outbound;

import com.google.common.net.InetAddresses;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.Cache;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Lookup;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.Resolver;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

import java.net.IDN;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where mail for a domain goes (RFC 5321 §5.1): its MX hosts by preference (equal preferences in
 * random order), else the domain itself as the only host (implicit MX, its A/AAAA records). A null
 * MX (RFC 7505) and a domain that does not exist fail permanently; DNS trouble is temporary.
 */
final class MxResolver {

    /** An MTA tries a handful of hosts; more is a misconfiguration or an attack on us. */
    static final int MAX_HOSTS = 10;

    /** One host to try, with its addresses (IPv4 first: many hosts have no IPv6 route). */
    record Host(String name, List<InetAddress> addresses) {
    }

    /** The resolution: hosts to try in order, or why none can be. */
    sealed interface Route permits Hosts, Unroutable {
    }

    record Hosts(List<Host> hosts) implements Route {
    }

    /** @param permanent true = fail the recipients; false = defer them */
    record Unroutable(boolean permanent, String reason) implements Route {
    }

    private final Resolver resolver;
    private final Cache cache = new Cache(DClass.IN);

    MxResolver(Resolver resolver) {
        this.resolver = resolver;
    }

    Route resolve(String domain) {
        if (domain.startsWith("[") && domain.endsWith("]")) {
            return literal(domain);
        }
        Name name;
        try {
            name = Name.fromString(IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED) + ".");
        } catch (TextParseException | IllegalArgumentException e) {
            return new Unroutable(true, "553 5.1.2 invalid domain " + domain);
        }
        Lookup lookup = lookup(name, Type.MX);
        Record[] records = lookup.run();
        switch (lookup.getResult()) {
            case Lookup.SUCCESSFUL:
                return mxHosts(domain, records);
            case Lookup.TYPE_NOT_FOUND:
                return implicitMx(domain, name);
            case Lookup.HOST_NOT_FOUND:
                return new Unroutable(true, "550 5.1.2 domain " + domain + " does not exist (NXDOMAIN)");
            default:
                return new Unroutable(false, "451 4.4.3 MX lookup for " + domain + " failed: " + lookup.getErrorString());
        }
    }

    private Route mxHosts(String domain, Record[] records) {
        Map<Integer, List<Name>> byPreference = new TreeMap<>();
        boolean nullMx = false;
        for (Record record : records) {
            if (record instanceof MXRecord mx) {
                if (mx.getTarget().equals(Name.root)) {
                    nullMx = true;
                } else {
                    byPreference.computeIfAbsent(mx.getPriority(), p -> new ArrayList<>()).add(mx.getTarget());
                }
            }
        }
        if (byPreference.isEmpty()) {
            return nullMx ? new Unroutable(true, "556 5.1.10 domain " + domain + " does not accept mail (null MX)")
                    : new Unroutable(false, "451 4.4.3 MX lookup for " + domain + " returned no usable record");
        }
        List<Host> hosts = new ArrayList<>();
        boolean temporary = false;
        for (List<Name> names : byPreference.values()) {
            Collections.shuffle(names); // RFC 5321 §5.1: spread the load over equal preferences
            for (Name target : names) {
                if (hosts.size() >= MAX_HOSTS) {
                    break;
                }
                Addresses addresses = addresses(target);
                temporary |= addresses.temporary();
                if (!addresses.list().isEmpty()) {
                    hosts.add(new Host(hostName(target), addresses.list()));
                }
            }
        }
        if (hosts.isEmpty()) {
            // Postfix defers here as well: the MX host names may be fixed before the max age
            return new Unroutable(false, "451 4.4.4 no address for any MX host of " + domain
                    + (temporary ? " (DNS lookup failed)" : ""));
        }
        return new Hosts(hosts);
    }

    private Route implicitMx(String domain, Name name) {
        Addresses addresses = addresses(name);
        if (!addresses.list().isEmpty()) {
            return new Hosts(List.of(new Host(hostName(name), addresses.list())));
        }
        return addresses.temporary()
                ? new Unroutable(false, "451 4.4.3 address lookup for " + domain + " failed")
                : new Unroutable(true, "550 5.1.2 domain " + domain + " has no MX and no address records");
    }

    private static Route literal(String domain) {
        String text = domain.substring(1, domain.length() - 1);
        if (text.regionMatches(true, 0, "IPv6:", 0, 5)) {
            text = text.substring(5);
        }
        if (!InetAddresses.isInetAddress(text)) {
            return new Unroutable(true, "553 5.1.2 invalid address literal " + domain);
        }
        return new Hosts(List.of(new Host(domain, List.of(InetAddresses.forString(text)))));
    }

    private record Addresses(List<InetAddress> list, boolean temporary) {
    }

    private Addresses addresses(Name name) {
        List<InetAddress> list = new ArrayList<>();
        boolean temporary = false;
        for (int type : new int[] {Type.A, Type.AAAA}) {
            Lookup lookup = lookup(name, type);
            Record[] records = lookup.run();
            if (lookup.getResult() == Lookup.SUCCESSFUL) {
                List<InetAddress> found = new ArrayList<>();
                for (Record record : records) {
                    if (record instanceof ARecord a) {
                        found.add(a.getAddress());
                    } else if (record instanceof AAAARecord aaaa) {
                        found.add(aaaa.getAddress());
                    }
                }
                list.addAll(found);
            } else if (lookup.getResult() == Lookup.TRY_AGAIN || lookup.getResult() == Lookup.UNRECOVERABLE) {
                temporary = true;
            }
        }
        return new Addresses(list, temporary);
    }

    private Lookup lookup(Name name, int type) {
        Lookup lookup = new Lookup(name, type, DClass.IN);
        lookup.setResolver(resolver);
        lookup.setCache(cache);
        lookup.setSearchPath((Name[]) null);
        return lookup;
    }

    /** Without the trailing dot, as people write host names. */
    private static String hostName(Name name) {
        return name.toString(true);
    }
}

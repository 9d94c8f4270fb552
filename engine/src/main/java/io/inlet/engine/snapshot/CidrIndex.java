package io.inlet.engine.snapshot;

import inet.ipaddr.ipv4.IPv4Address;
import inet.ipaddr.ipv4.IPv4AddressTrie;
import inet.ipaddr.ipv6.IPv6Address;
import inet.ipaddr.ipv6.IPv6AddressTrie;
import io.inlet.rules.Cidr;
import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One tenant's receipt filters as prefix tries: a client IP is blocked when some Block filter
 * contains it and no Allow filter does ("any matching Allow wins", SES-RECEIVING.md §2).
 *
 * <p>Lookups are O(address bits) whatever the number of filters. The tries are filled in the
 * constructor and only read afterwards (each lookup allocates its own state), so one instance is
 * safe to share between sessions once published through the immutable snapshot.
 *
 * <p>An IPv4-mapped IPv6 client ({@code ::ffff:a.b.c.d}, what a dual-stack socket reports for an
 * IPv4 peer) is checked as the IPv4 address it carries, so IPv4 filters apply and {@code ::/0} does not.
 */
public final class CidrIndex {

    private static final Logger LOG = LoggerFactory.getLogger(CidrIndex.class);
    private static final byte[] MAPPED_PREFIX = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff};

    private final Tries block = new Tries();
    private final Tries allow = new Tries();

    public CidrIndex(List<ReceiptFilter> filters) {
        for (ReceiptFilter filter : filters) {
            Optional<Cidr> cidr = Cidr.parse(filter.cidr());
            if (cidr.isEmpty() || filter.policy() == null) {
                // The API validates filters, so this is a store bug; one bad row must not stop
                // every later configuration change from reaching the engine, so skip it loudly.
                LOG.warn("skipping receipt filter {} with invalid policy/CIDR {}/{}", filter.name(), filter.policy(), filter.cidr());
                continue;
            }
            (filter.policy() == FilterPolicy.Allow ? allow : block).add(cidr.get());
        }
    }

    public static CidrIndex empty() {
        return new CidrIndex(List.of());
    }

    /** True when a Block filter contains {@code client} and no Allow filter does. */
    public boolean isBlocked(InetAddress client) {
        byte[] address = unmapped(client.getAddress());
        return block.contains(address) && !allow.contains(address);
    }

    /** {@code ::ffff:a.b.c.d} → {@code a.b.c.d}; every other address unchanged. Zone ids never reach here (raw bytes). */
    static byte[] unmapped(byte[] address) {
        if (address.length == 16 && Arrays.equals(address, 0, 12, MAPPED_PREFIX, 0, 12)) {
            return Arrays.copyOfRange(address, 12, 16);
        }
        return address;
    }

    /** One trie per address family; the library's tries hold CIDR prefix blocks. */
    private static final class Tries {
        private final IPv4AddressTrie v4 = new IPv4AddressTrie();
        private final IPv6AddressTrie v6 = new IPv6AddressTrie();

        void add(Cidr cidr) {
            byte[] network = cidr.network();
            if (cidr.isIpv6()) {
                v6.add(new IPv6Address(network, cidr.prefixLength()).toPrefixBlock());
            } else {
                v4.add(new IPv4Address(network, cidr.prefixLength()).toPrefixBlock());
            }
        }

        boolean contains(byte[] address) {
            return address.length == 4
                    ? !v4.isEmpty() && v4.elementContains(new IPv4Address(address))
                    : !v6.isEmpty() && v6.elementContains(new IPv6Address(address));
        }
    }
}

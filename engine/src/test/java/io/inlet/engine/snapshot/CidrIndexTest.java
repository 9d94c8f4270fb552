package io.inlet.engine.snapshot;

import io.inlet.rules.FilterPolicy;
import io.inlet.rules.ReceiptFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

import static io.inlet.engine.snapshot.Fixtures.filters;
import static io.inlet.engine.snapshot.Fixtures.ip;
import static org.assertj.core.api.Assertions.assertThat;

class CidrIndexTest {

    @ParameterizedTest(name = "[{0}] {1} → blocked={2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                          | 10.0.0.1          | false
            ''                                          | 2001:db8::1       | false
            Block 10.0.0.0/8                            | 10.1.2.3          | true
            Block 10.0.0.0/8                            | 11.1.2.3          | false
            Block 10.0.0.1/24                           | 10.0.0.77         | true
            Block 10.0.0.1/24                           | 10.0.1.77         | false
            Block 192.0.2.10                            | 192.0.2.10        | true
            Block 192.0.2.10                            | 192.0.2.11        | false
            Allow 10.0.0.0/8                            | 10.1.2.3          | false
            Block 0.0.0.0/0; Allow 192.0.2.10           | 192.0.2.10        | false
            Block 0.0.0.0/0; Allow 192.0.2.10           | 192.0.2.11        | true
            Allow 192.0.2.0/24; Block 192.0.2.10        | 192.0.2.10        | false
            Block 10.0.0.0/8; Allow 10.0.0.0/8          | 10.9.9.9          | false
            Block 10.0.0.0/8; Block 10.1.0.0/16         | 10.1.0.1          | true
            Block 2001:db8::/32                         | 2001:db8:1::5     | true
            Block 2001:db8::/32                         | 2001:db9::5       | false
            Block ::/0; Allow 2001:db8::1               | 2001:db8::1       | false
            Block ::/0; Allow 2001:db8::1               | 2001:db8::2       | true
            Block ::/0                                  | 10.0.0.1          | false
            Block 0.0.0.0/0                             | 2001:db8::1       | false
            Block 192.0.2.0/24                          | ::ffff:192.0.2.1  | true
            Block 0.0.0.0/0; Allow 192.0.2.1            | ::ffff:192.0.2.1  | false
            Block ::/0                                  | ::ffff:192.0.2.1  | false
            Block 2001:DB8::/32                         | 2001:db8::1       | true
            """)
    void allowBeatsBlock(String spec, String client, boolean blocked) {
        assertThat(new CidrIndex(filters(spec)).isBlocked(ip(client))).isEqualTo(blocked);
    }

    @Test
    void mappedAddressInAnInet6AddressIsCheckedAsIpv4() throws Exception {
        // InetAddress.getByName unmaps ::ffff:a.b.c.d itself; a socket or PROXY parser may not.
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, 0, 2, 1};
        InetAddress client = Inet6Address.getByAddress(null, mapped, -1);
        assertThat(client).isInstanceOf(Inet6Address.class);
        assertThat(new CidrIndex(filters("Block 192.0.2.0/24")).isBlocked(client)).isTrue();
    }

    @Test
    void zoneIdOfTheClientIsIgnored() throws Exception {
        InetAddress client = Inet6Address.getByAddress(null, ip("fe80::1").getAddress(), 3);
        assertThat(new CidrIndex(filters("Block fe80::/10")).isBlocked(client)).isTrue();
    }

    @Test
    void invalidStoredFilterIsSkipped() {
        CidrIndex index = new CidrIndex(List.of(
                new ReceiptFilter("bad", FilterPolicy.Block, "not-a-cidr"),
                new ReceiptFilter("good", FilterPolicy.Block, "10.0.0.0/8")));
        assertThat(index.isBlocked(ip("10.0.0.1"))).isTrue();
        assertThat(index.isBlocked(ip("11.0.0.1"))).isFalse();
    }

    @Test
    void emptyIndexBlocksNothing() {
        assertThat(CidrIndex.empty().isBlocked(ip("203.0.113.1"))).isFalse();
    }
}
